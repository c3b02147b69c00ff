/// One screen's worth of laid-out lines, as bytes for the output: at a terminal the screen is
/// cleared first (the scrollback is kept within a family and cleared between families); into a
/// pipe the screens simply follow one another.
enum ScreenFrame {
    static func bytes(_ lines: [String], interactive: Bool) -> String {
        interactive ? "\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\r\n") + "\r\n"
                    : "\n" + lines.joined(separator: "\n") + "\n"
    }
}
