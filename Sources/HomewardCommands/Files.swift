import Foundation
import HomewardCore

/// Files on disk, for ``InstanceLoader`` and the commands: every failure becomes an ``InputError`` naming the file.
public struct DiskFiles: InputSource {
    public init() {}

    /// The text of `path`, as UTF-8.
    public func read(_ path: String) throws(InputErrors) -> String {
        try Files.read(path)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}

/// Reading files: every failure becomes an ``InputError`` naming the file.
enum Files {
    /// The text of `path`, as UTF-8.
    static func read(_ path: String) throws(InputErrors) -> String {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputErrors([InputError(file: path, reason: .unreadable("no such file"), hint: "check the path; relative paths in a scenario are relative to the scenario file")])
        }
        guard !isDirectory.boolValue else {
            throw InputErrors([InputError(file: path, reason: .unreadable("it is a directory, not a file"))])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputErrors([InputError(file: path, reason: .unreadable(error.localizedDescription))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputErrors([InputError(file: path, reason: .unreadable("not UTF-8 text"), hint: "save the file as UTF-8")])
        }
        return text
    }
}

/// The one instance loader of the commands: scenarios and the files they name, from disk.
let instances = InstanceLoader(source: DiskFiles())
