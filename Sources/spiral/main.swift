print("spiral")
