import HomewardCore

/// Joins the shards of a sweep (`homeward sweep merge DIR…`) into the report a single run would have written.
///
/// Shards belong together when they were cut the same way (the same N), run on the same inputs (the same
/// SHA-256 for every input) with the same definition (change, `--among`, `--limit`, warm or cold start,
/// timings), and agree on the estate as it is; every shard from 1 to N must be given exactly once, and each
/// must hold exactly its slice. Every problem is reported, not only the first, and nothing is merged unless
/// there are none.
public enum SweepMerge {
    /// One shard as given: its folder (as the user named it) and the text of its `shard.json`.
    public struct Given: Sendable {
        public var folder: String
        public var text: String

        public init(folder: String, text: String) {
            self.folder = folder
            self.text = text
        }

        /// The path of its `shard.json`, as errors name it.
        public var file: String { folder.hasSuffix("/") ? folder + SweepShardFile.fileName : folder + "/" + SweepShardFile.fileName }
    }

    /// The merged report.
    /// - Returns: the report, with timings (the shards' threads and their times added up) when the shards kept them.
    /// - Throws: ``InputErrors``, one per problem, each naming a shard's `shard.json` and the field at fault.
    public static func merge(_ given: [Given]) throws(InputErrors) -> SweepReport {
        var errors: [InputError] = []
        var shards: [(given: Given, file: SweepShardFile)] = []
        for item in given {
            do throws(InputError) {
                let file = try SweepShardFile.read(item.text, file: item.file)
                if file.format != SweepShardFile.currentFormat {
                    errors.append(InputError(file: item.file, field: "format", reason: .outOfRange(
                        String(file.format), allowed: "\(SweepShardFile.currentFormat), as this homeward writes")))
                } else {
                    shards.append((item, file))
                }
            } catch {
                errors.append(error)
            }
        }
        guard let first = shards.first else { throw InputErrors(errors) }
        errors += agreement(shards, with: first)
        errors += coverage(shards, count: first.file.shards)
        guard errors.isEmpty else { throw InputErrors(errors) }
        let outcomes = shards.flatMap(\.file.outcomes).sorted { $0.caseIndex < $1.caseIndex }
        let timing = first.file.definition.timing
        return SweepReport(subject: first.file.subject, outcomes: outcomes, threads: shards.map(\.file.threads).max() ?? 1,
                           seconds: timing ? shards.map { $0.file.seconds ?? 0 }.reduce(0, +) : nil)
    }

    /// Problems of shards that do not match the first: another N, definition, input or base.
    static func agreement(_ shards: [(given: Given, file: SweepShardFile)], with first: (given: Given, file: SweepShardFile))
        -> [InputError] {
        var errors: [InputError] = []
        let reference = first.given.file
        for (given, file) in shards where file.definitionHash != file.definition.sha256 {
            errors.append(InputError(file: given.file, field: "definition_hash", reason: .inconsistent(
                "\(file.definitionHash) is not the SHA-256 of the definition beside it (\(file.definition.sha256)); the file was altered")))
        }
        for (given, file) in shards.dropFirst() {
            if file.shards != first.file.shards {
                errors.append(InputError(file: given.file, field: "shards", reason: .inconsistent(
                    "this is shard \(file.shard) of \(file.shards), but \(reference) is shard \(first.file.shard) of \(first.file.shards); every shard must come from the same --shard K/N")))
            }
            if file.definitionHash != first.file.definitionHash {
                errors.append(InputError(file: given.file, field: "definition", reason: .inconsistent(
                    "this shard ran \(summary(file.definition)), but \(reference) ran \(summary(first.file.definition))")))
            }
            errors += inputDifferences(file.inputs, first.file.inputs, file: given.file, reference: reference)
            if file.definitionHash == first.file.definitionHash, file.subject.withoutTiming != first.file.subject.withoutTiming {
                errors.append(InputError(file: given.file, field: "subject", reason: .inconsistent(
                    "the estate as it is or the list of scenarios differs from \(reference)'s (another version of homeward?)")))
            }
        }
        return errors
    }

    /// Inputs that another shard read with other contents (or did not read).
    static func inputDifferences(_ inputs: [InputFile], _ reference: [InputFile], file: String,
                                 reference referenceFile: String) -> [InputError] {
        var errors: [InputError] = []
        let roles = (inputs.map(\.role) + reference.map(\.role)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for role in roles {
            let mine = inputs.first { $0.role == role }, theirs = reference.first { $0.role == role }
            guard mine?.sha256 != theirs?.sha256 else { continue }
            let text: String
            switch (mine, theirs) {
            case let (mine?, theirs?):
                text = "\(mine.path) has SHA-256 \(mine.sha256.prefix(12))…, but \(referenceFile) read \(theirs.path) with SHA-256 \(theirs.sha256.prefix(12))…; shards must be run on the same inputs"
            case let (mine?, nil):
                text = "this shard read \(mine.path), which \(referenceFile) did not; shards must be run on the same inputs"
            case let (nil, theirs?):
                text = "\(referenceFile) read \(theirs.path), which this shard did not; shards must be run on the same inputs"
            case (nil, nil):
                continue
            }
            errors.append(InputError(file: file, field: "inputs.\(role)", reason: .inconsistent(text)))
        }
        return errors
    }

    /// Shards given twice, shards missing, and shards that do not hold exactly their slice.
    static func coverage(_ shards: [(given: Given, file: SweepShardFile)], count: Int) -> [InputError] {
        var errors: [InputError] = []
        var seen: [Int: String] = [:]
        for (given, file) in shards where file.shards == count {
            if let earlier = seen[file.shard] {
                errors.append(InputError(file: given.file, field: "shard", reason: .duplicate(
                    "shard \(file.shard) of \(count), also given as \(earlier)")))
            } else {
                seen[file.shard] = given.file
            }
            let expected: [Int]
            do throws(Sweep.ShardError) {
                expected = try Sweep.Shard(number: file.shard, count: file.shards).indices(of: file.subject.cases.count)
            } catch {
                errors.append(InputError(file: given.file, field: "shard", reason: .inconsistent(error.description)))
                continue
            }
            if file.ran != expected || file.outcomes.map(\.caseIndex) != expected {
                errors.append(InputError(file: given.file, field: "outcomes", reason: .inconsistent(
                    "shard \(file.shard) of \(count) should hold the outcomes of \(expected.count) scenarios (\(preview(expected))), but it ran \(preview(file.ran)) and holds \(preview(file.outcomes.map(\.caseIndex)))")))
            }
        }
        let missing = (1...max(count, 1)).filter { seen[$0] == nil }
        if !missing.isEmpty, let first = shards.first {
            let names = missing.count == 1 ? "shard \(missing[0]) of \(count) was" : "shards \(list(missing)) of \(count) were"
            errors.append(InputError(file: first.given.file, field: "shards", reason: .inconsistent(
                "this is shard \(first.file.shard) of \(count), but \(names) not given; give the folder of every shard from 1/\(count) to \(count)/\(count) once")))
        }
        return errors
    }

    static func summary(_ d: SweepShardFile.Definition) -> String {
        "--change \(d.change)" + (d.among.map { " --among \($0.joined(separator: ","))" } ?? "")
            + (d.limit.map { " --limit \($0)" } ?? "") + (d.coldStart ? " --cold-start" : "") + (d.timing ? "" : " --omit-timing")
    }

    /// "1, 2 and 5" (at most 20 numbers, then "and N more").
    static func list(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(20).map(String.init)
        if numbers.count > 20 { return shown.joined(separator: ", ") + " and \(numbers.count - 20) more" }
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    static func preview(_ indices: [Int]) -> String {
        indices.isEmpty ? "none" : "scenarios " + list(indices.map { $0 + 1 })
    }
}
