import Foundation
import HomewardDomain

/// Where an instance's files come from. The loader never touches the disk
/// itself: the commands pass ``DiskFiles``-like readers, tests and fuzz
/// targets pass files held in memory, so the input layer stays pure.
public protocol InputSource: Sendable {
    /// The UTF-8 text of the file at `path`.
    /// - Throws: ``InputErrors`` naming the file when it is missing, a folder, unreadable or not UTF-8.
    func read(_ path: String) throws(InputErrors) -> String
    /// Whether a file exists at `path` (for optional files such as the map outline).
    func exists(_ path: String) -> Bool
}

/// Files held in memory, keyed by path: for tests and fuzz targets.
public struct MemoryFiles: InputSource {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func read(_ path: String) throws(InputErrors) -> String {
        guard let text = files[path] else {
            throw InputErrors([InputError(file: path, reason: .unreadable("no such file"),
                                          hint: "check the path; relative paths in a scenario are relative to the scenario file")])
        }
        return text
    }

    public func exists(_ path: String) -> Bool { files[path] != nil }
}

/// Paths as a scenario names them: relative to the scenario file.
public enum InputPath {
    /// `path` resolved against the folder of `base` (unless absolute), standardised as Foundation does.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (base as NSString).deletingLastPathComponent
        let joined = directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// A file named `name` in the folder of `path` (e.g. the geography beside the estate).
    public static func sibling(of path: String, _ name: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }
}
