/// An error reading, writing or transforming data: a message a person can act on. Messages
/// about files name the file and, where one exists, the line (1-based, as an editor counts
/// them) and the column; the language attaches the span of the call that failed.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
