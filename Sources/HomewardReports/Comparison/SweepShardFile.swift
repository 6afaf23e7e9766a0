import Foundation
import HomewardCore

/// What one shard of a sweep (`homeward sweep … --shard K/N`) writes: `shard.json`, its manifest and its
/// results. The manifest says what was run (the inputs with their SHA-256, the sweep's definition and its
/// hash, K, N and the scenarios run), so that ``SweepMerge`` can refuse shards that do not belong together;
/// the results are every finished scenario's outcome at full precision, so that the merged report has the
/// same bytes as a single run's.
public struct SweepShardFile: Sendable, Equatable, Codable {
    /// The file's name in a shard's folder.
    public static let fileName = "shard.json"
    /// The layout of this file; a merge refuses another.
    public static let currentFormat = 1

    /// How the sweep was asked for: every setting that changes which scenarios it has, their outcomes or the
    /// files written. Threads are not among them: they change neither.
    public struct Definition: Sendable, Equatable, Codable {
        public var change: String
        public var among: [String]?
        public var limit: Int?
        public var coldStart: Bool
        public var timing: Bool

        public init(change: String, among: [String]?, limit: Int?, coldStart: Bool, timing: Bool) {
            self.change = change
            self.among = among
            self.limit = limit
            self.coldStart = coldStart
            self.timing = timing
        }

        /// One line per setting, as hashed.
        public var text: String {
            """
            change: \(change)
            among: \(among?.joined(separator: ",") ?? "all")
            limit: \(limit.map(String.init) ?? "none")
            start: \(coldStart ? "cold" : "warm")
            timing: \(timing ? "on" : "off")

            """
        }

        /// The SHA-256 of ``text``.
        public var sha256: String { Fingerprint.sha256(text) }
    }

    public var format: Int
    /// K, counting from 1.
    public var shard: Int
    /// N.
    public var shards: Int
    public var definition: Definition
    /// ``Definition/sha256``, as written (a merge checks it against the definition it carries).
    public var definitionHash: String
    public var inputs: [InputFile]
    /// The scenarios this shard ran, by their index among all the sweep's scenarios.
    public var ran: [Int]
    public var subject: SweepReport.Subject
    public var outcomes: [Sweep.Outcome]
    public var threads: Int
    /// The shard's time (nil when timings are left out).
    public var seconds: Double?

    /// A shard's file.
    /// - Parameters:
    ///   - sweep: the sweep, sharded (its ``Sweep/selection`` is the shard's slice).
    ///   - outcomes: every scenario of the slice, finished.
    public init(shard: Sweep.Shard, definition: Definition, inputs: [InputFile], sweep: Sweep, outcomes: [Sweep.Outcome],
                scenarioName: String, synthetic: Bool, threads: Int, seconds: Double?) {
        format = Self.currentFormat
        self.shard = shard.number
        shards = shard.count
        self.definition = definition
        definitionHash = definition.sha256
        self.inputs = inputs
        ran = sweep.selection
        subject = SweepReport.Subject(sweep: sweep, scenarioName: scenarioName, synthetic: synthetic)
        self.outcomes = outcomes
        if !definition.timing {
            // Without timings the file is the same bytes for the same inputs, as the reports are.
            subject = subject.withoutTiming
            for k in self.outcomes.indices { self.outcomes[k].seconds = 0 }
        }
        self.threads = threads
        self.seconds = seconds
    }

    /// How figures that are not finite are written.
    static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// The file's text: JSON with sorted keys, numbers written so that they read back exactly.
    public func text() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // A figure that is not finite (a mean over nobody) is written as a string, so encoding cannot fail.
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a shard's file.
    /// - Throws: ``InputError`` naming `file` when the text is not a shard's manifest.
    public static func read(_ text: String, file: String) throws(InputError) -> SweepShardFile {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(SweepShardFile.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(file: file, field: Self.path(context.codingPath + [key]), reason: .missing,
                             hint: "is it the shard.json of `homeward sweep --shard K/N`?")
        } catch let DecodingError.typeMismatch(type, context) {
            throw InputError(file: file, field: Self.path(context.codingPath), reason: .wrongType(expected: "\(type)"))
        } catch let DecodingError.valueNotFound(type, context) {
            throw InputError(file: file, field: Self.path(context.codingPath), reason: .wrongType(expected: "\(type)"))
        } catch {
            throw InputError(file: file, reason: .malformed("its text", expected: "JSON"),
                             hint: "is it the shard.json of `homeward sweep --shard K/N`?")
        }
    }

    /// A coding path as a field name, e.g. `outcomes[3].mean_miles`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
}
