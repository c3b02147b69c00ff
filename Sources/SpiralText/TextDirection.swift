/// The direction a language is written in, as stored in settings ("ltr"/"rtl").
public enum TextDirection: String, Sendable, Codable {
    case leftToRight = "ltr", rightToLeft = "rtl"
}
