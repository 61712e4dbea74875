/// The version of the `theta` command, shown by `theta --version` (the one place it is written).
enum ThetaVersion {
    static let number = "0.1.0"
    static let text = "theta \(number)"
}
