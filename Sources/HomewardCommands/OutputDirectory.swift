import Foundation
import HomewardCore

/// An output folder written all at once: files go to a hidden staging folder
/// beside the target, which is renamed into place when every file is complete.
/// An interrupted run leaves the target untouched (and the staging folder is
/// removed by the signal handler), so there is never a half-written output.
package final class OutputDirectory {
    package let target: URL
    let staging: URL
    private var committed = false

    /// Prepares to write `path`.
    /// - Parameter force: replace an existing non-empty folder.
    /// - Throws: ``CommandFailure/outputExists`` when the folder has files and `force` is off.
    package init(_ path: String, force: Bool) throws(CommandFailure) {
        target = URL(fileURLWithPath: path).standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .outputExists(target.path, "it is a file") }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
            if !contents.isEmpty && !force { throw .outputExists(target.path, "it already has files") }
        }
        let parent = target.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(parent.path, error.localizedDescription)
        }
        staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        let staging = self.staging
        try Interruption.staged { () throws(CommandFailure) in
            try? manager.removeItem(at: staging)
            // Registered as it is made, under the writers' lock, so a signal at any moment from here on removes it.
            Interruption.register(staging.path)
            do {
                try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            } catch {
                Interruption.unregister(staging.path)
                throw .cannotWrite(staging.path, error.localizedDescription)
            }
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
        Interruption.unregister(staging.path)
    }

    /// Writes one file into the staging folder.
    package func write(_ name: String, _ text: String) throws(CommandFailure) {
        try Interruption.staged { () throws(CommandFailure) in
            do {
                try Data(text.utf8).write(to: staging.appendingPathComponent(name), options: .atomic)
            } catch {
                throw .cannotWrite(target.appendingPathComponent(name).path, error.localizedDescription)
            }
        }
    }

    /// Moves the complete folder into place (replacing an older one when forced).
    package func commit() throws(CommandFailure) {
        try Interruption.staged { () throws(CommandFailure) in try moveIntoPlace() }
    }

    private func moveIntoPlace() throws(CommandFailure) {
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: target.path) {
                let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
                try? manager.removeItem(at: old)
                try manager.moveItem(at: target, to: old)
                try manager.moveItem(at: staging, to: target)
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
            committed = true
        } catch {
            throw .cannotWrite(target.path, error.localizedDescription)
        }
    }
}

/// Writes one file atomically: to a temporary file in the same folder, then renamed.
func writeFileAtomically(_ path: String, _ text: String, force: Bool) throws(CommandFailure) {
    let url = URL(fileURLWithPath: path)
    if FileManager.default.fileExists(atPath: url.path) && !force {
        throw .outputExists(url.path, "the file exists")
    }
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
    Interruption.register(temporary.path)
    defer { Interruption.unregister(temporary.path) }
    try Interruption.staged { () throws(CommandFailure) in
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(url.path, error.localizedDescription)
        }
    }
}
