import Crypto
import Foundation
import HomewardDomain

/// Turns an extract keyed by prison numbers into one keyed by pseudonymous pids, for use inside HMPPS
/// (`homeward extract pseudonymise`): each prison number becomes HMAC-SHA256 under a key HMPPS keeps,
/// written as its first 16 hex digits (64 bits: among a million people a collision has odds of about
/// one in 36 million), and every other column that carries a direct identifier is dropped.
public struct Pseudonymiser: Sendable {
    let key: [UInt8]

    /// The shortest key accepted, in bytes.
    public static let minimumKeyBytes = 16

    public init(key: [UInt8]) {
        self.key = key
    }

    /// HMAC-SHA256 of `message` under the key, as lower-case hex (64 digits).
    public func hmacHex(_ message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key))
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The pid of a prison number: the first 16 hex digits of its HMAC, after trimming and upper-casing.
    public func pid(_ prisonNumber: String) -> String {
        String(hmacHex(prisonNumber.trimmingWhitespace().uppercased()).prefix(16))
    }

    /// The person-key column each prison-number column becomes, by file (names folded as
    /// ``ExtractFormat/isIdentifierColumn(_:)`` folds them).
    static func keyColumn(_ folded: String, file: String) -> String? {
        if file == ExtractFormat.nonAssociations {
            if ["firstprisonernumber", "prisonernumbera", "prisonernumber1", "pida"].contains(folded) { return "pid_a" }
            if ["secondprisonernumber", "prisonernumberb", "prisonernumber2", "pidb"].contains(folded) { return "pid_b" }
            return nil
        }
        let names: Set<String> = ["prisonernumber", "prisonnumber", "prisonerno", "prisonno", "nomsnumber", "nomsno", "noms",
                                  "nomsid", "offenderno", "offendernumber", "pid"]
        return names.contains(folded) ? "pid" : nil
    }

    static func fold(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !"_-. ".unicodeScalars.contains($0) })
    }

    /// The pseudonymised folder's files, by name, from the input's.
    /// - Parameters:
    ///   - files: the input folder's files by name (the manifest and the CSV files present).
    ///   - directory: the input folder, for messages.
    /// - Throws: ``InputErrors`` for a missing manifest or person file, or a key column that is absent or empty.
    public func pseudonymise(_ files: [String: String], directory: String) throws(InputErrors) -> [(name: String, text: String)] {
        var errors: [InputError] = []
        var output: [(name: String, text: String)] = []
        let manifest = manifestText(files[ExtractFormat.manifest], file: directory + "/" + ExtractFormat.manifest, errors: &errors)
        output.append((ExtractFormat.manifest, manifest))
        for (name, _, optional) in ExtractFormat.tables {
            let file = directory + "/" + name
            guard let text = files[name] else {
                if !optional { errors.append(InputError(file: file, reason: .unreadable("no such file"))) }
                continue
            }
            do {
                output.append((name, try table(text, name: name, file: file)))
            } catch {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return output
    }

    /// One CSV file with its prison numbers replaced by pids and its other identifier columns dropped.
    func table(_ text: String, name: String, file: String) throws(InputErrors) -> String {
        let table = try CSVTable(parsing: text, file: file)
        var errors = ErrorCollector(file: file)
        var kept: [(index: Int, name: String, hashed: Bool)] = []
        for (i, column) in table.header.enumerated() {
            if let key = Self.keyColumn(Self.fold(column), file: name) {
                kept.append((i, key, true))
            } else if !ExtractFormat.isIdentifierColumn(column) {
                kept.append((i, column, false))
            }
        }
        let expected = name == ExtractFormat.nonAssociations ? ["pid_a", "pid_b"] : ["pid"]
        for key in expected where !kept.contains(where: { $0.name == key && $0.hashed }) {
            errors.add(line: 1, field: key, .missing, hint: "the prison-number column (e.g. prisoner_number) becomes \(key)")
        }
        if Set(kept.map(\.name)).count != kept.count {
            errors.add(line: 1, .inconsistent("more than one column would become the same pid column"))
        }
        var rows: [[String]] = []
        for row in table.rows {
            rows.append(kept.map { column in
                let value = row.fields[column.index]
                guard column.hashed else { return value }
                if value.trimmingWhitespace().isEmpty { errors.add(line: row.line, field: table.header[column.index], .missing) }
                return pid(value)
            })
        }
        try errors.throwIfAny()
        return ExtractFolder.csv(kept.map(\.name), rows)
    }

    /// The manifest with `pseudonymised: true`, keeping its snapshot date and source.
    func manifestText(_ text: String?, file: String, errors: inout [InputError]) -> String {
        guard let text else {
            errors.append(InputError(file: file, reason: .unreadable("no such file"), hint: "the folder needs manifest.yaml with snapshot_date and source"))
            return ""
        }
        var reader = YAMLReader(file: file)
        var date: String?, source = "", synthetic = false
        if let root = reader.parse(text),
           let pairs = reader.mapping(root, "", allowed: ["snapshot_date", "source", "pseudonymised", "synthetic"]) {
            for (key, value) in pairs where key != "pseudonymised" {
                switch key {
                case "snapshot_date": date = reader.string(value, key)
                case "synthetic": synthetic = reader.bool(value, key) ?? false
                default: source = reader.string(value, key) ?? ""
                }
            }
            if date.flatMap(ISODate.day) == nil {
                reader.errors.add(line: root.mark?.line, field: "snapshot_date", .missing, hint: "an ISO date (yyyy-mm-dd)")
            }
        }
        errors += reader.errors.errors
        return ExtractFolder.manifest(snapshotDate: date ?? "", source: source, synthetic: synthetic)
    }
}
