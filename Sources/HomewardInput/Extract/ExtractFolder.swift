import Foundation
import HomewardDomain

/// An extract folder as rows of text, in exactly the shape ``ExtractLoader`` reads (docs/EXTRACT.md):
/// what `homeward extract synth` and `homeward extract pseudonymise` write.
public struct ExtractFolder: Sendable, Equatable {
    public var snapshotDate: String
    public var source: String
    /// Nobody in it is real (`synthetic: true` in the manifest): reports then say so.
    public var synthetic = false
    /// Rows of `persons.csv`, each with ``ExtractFormat/personColumns``' fields in order.
    public var persons: [[String]] = []
    public var alerts: [[String]] = []
    public var nonAssociations: [[String]] = []
    public var holds: [[String]] = []
    public var locks: [[String]] = []
    /// `movers.csv`, if the unit names who may move.
    public var movers: [[String]]?

    public init(snapshotDate: String, source: String) {
        self.snapshotDate = snapshotDate
        self.source = source
    }

    /// Every file's name and text, in a fixed order.
    public func files() -> [(name: String, text: String)] {
        var result = [(ExtractFormat.manifest, Self.manifest(snapshotDate: snapshotDate, source: source, synthetic: synthetic))]
        let tables: [(String, [String], [[String]]?)] = [
            (ExtractFormat.persons, ExtractFormat.personColumns, persons),
            (ExtractFormat.alerts, ExtractFormat.alertColumns, alerts),
            (ExtractFormat.nonAssociations, ExtractFormat.nonAssociationColumns, nonAssociations),
            (ExtractFormat.holds, ExtractFormat.holdColumns, holds),
            (ExtractFormat.locks, ExtractFormat.lockColumns, locks),
            (ExtractFormat.movers, ExtractFormat.moverColumns, movers),
        ]
        for (name, columns, rows) in tables {
            guard let rows else { continue }
            result.append((name, Self.csv(columns, rows)))
        }
        return result
    }

    /// A manifest's YAML text (always `pseudonymised: true`).
    public static func manifest(snapshotDate: String, source: String, synthetic: Bool = false) -> String {
        let quoted = "\"" + source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "snapshot_date: \(snapshotDate)\nsource: \(quoted)\npseudonymised: true\n" + (synthetic ? "synthetic: true\n" : "")
    }

    /// CSV text with a header row.
    public static func csv(_ columns: [String], _ rows: [[String]]) -> String {
        var out = TextBuffer(capacity: rows.count * 48 + 64)
        out.append(columns.map(csvField).joined(separator: ",") + "\n")
        for row in rows {
            out.append(row.map(csvField).joined(separator: ","))
            out.append(UInt8(ascii: "\n"))
        }
        return out.text
    }
}
