import Foundation
import HomewardFuzzTargets

/// The fallback when libFuzzer is not linked in: replays files, or mutates a
/// corpus deterministically (byte flips, insertions, deletions, duplicated and
/// swapped lines, truncation, splices between files, and tokens from the
/// dictionary: huge numbers, NaN, infinities, BOMs, quotes, unicode, YAML
/// anchors, duplicated and unknown keys), counting every input.
enum Mutator {
    struct Options {
        var runs = Int.max
        var seconds: Double = .infinity
        var seed: UInt64 = 1
        var maxLength = 4096
        var dictionary: String?
        var paths: [String] = []
    }

    static func main(_ arguments: [String]) -> Int32 {
        var options = Options()
        for argument in arguments {
            if argument.hasPrefix("-runs=") { options.runs = Int(argument.dropFirst(6)) ?? options.runs }
            else if argument.hasPrefix("-max_total_time=") { options.seconds = Double(argument.dropFirst(16)) ?? options.seconds }
            else if argument.hasPrefix("-seed=") { options.seed = UInt64(argument.dropFirst(6)) ?? options.seed }
            else if argument.hasPrefix("-max_len=") { options.maxLength = Int(argument.dropFirst(9)) ?? options.maxLength }
            else if argument.hasPrefix("-dict=") { options.dictionary = String(argument.dropFirst(6)) }
            else if argument.hasPrefix("-") { continue } // other libFuzzer options mean nothing here
            else { options.paths.append(argument) }
        }
        let manager = FileManager.default
        var corpus: [[UInt8]] = []
        var replayOnly = !options.paths.isEmpty
        for path in options.paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                replayOnly = false
                let names = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
                for name in names where !name.hasPrefix(".") {
                    if let data = manager.contents(atPath: (path as NSString).appendingPathComponent(name)) { corpus.append(Array(data)) }
                }
            } else if let data = manager.contents(atPath: path) {
                corpus.append(Array(data))
            }
        }
        let started = Date()
        if replayOnly {
            for input in corpus { Fuzz.run(input) }
            print("homeward-fuzz (no libFuzzer): replayed \(corpus.count) inputs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            return 0
        }
        if corpus.isEmpty { corpus = FuzzTarget.allCases.map { Array($0.rawValue.utf8) } }
        let tokens = options.dictionary.flatMap(loadDictionary) ?? defaultTokens
        var random = SplitMix64(seed: options.seed)
        for input in corpus { Fuzz.run(input) }
        var runs = corpus.count
        var lastReport = started
        while runs < options.runs {
            if runs % 256 == 0 {
                let now = Date()
                if now.timeIntervalSince(started) >= options.seconds { break }
                if now.timeIntervalSince(lastReport) >= 10 {
                    print("#\(runs) inputs, \(Int(Double(runs) / now.timeIntervalSince(started))) per second")
                    lastReport = now
                }
            }
            var input = corpus[random.below(corpus.count)]
            let rounds = 1 + random.below(4)
            for _ in 0..<rounds { mutate(&input, random: &random, tokens: tokens, corpus: corpus) }
            if input.count > options.maxLength { input.removeLast(input.count - options.maxLength) }
            Fuzz.run(input)
            runs += 1
        }
        let elapsed = Date().timeIntervalSince(started)
        print("homeward-fuzz (no libFuzzer): Done \(runs) runs in \(Int(elapsed.rounded())) second(s), no crash")
        return 0
    }

    static func mutate(_ input: inout [UInt8], random: inout SplitMix64, tokens: [[UInt8]], corpus: [[UInt8]]) {
        // Byte 0 chooses the target: keep it most of the time.
        let start = input.count > 1 && random.below(16) != 0 ? 1 : 0
        let span = max(1, input.count - start)
        let at = start + random.below(span)
        switch random.below(11) {
        case 0: // flip a bit
            if at < input.count { input[at] ^= UInt8(1) << UInt8(random.below(8)) }
        case 1: // a random byte
            if at < input.count { input[at] = UInt8(truncatingIfNeeded: random.next()) }
        case 2: // insert a token
            input.insert(contentsOf: tokens[random.below(tokens.count)], at: min(at, input.count))
        case 3: // replace a run with a token
            let end = min(input.count, at + random.below(8))
            if at <= end { input.replaceSubrange(at..<end, with: tokens[random.below(tokens.count)]) }
        case 4: // delete a range
            let end = min(input.count, at + 1 + random.below(16))
            if at < end { input.removeSubrange(at..<end) }
        case 5: // duplicate a line
            var lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if lines.count > 1 {
                let k = 1 + random.below(lines.count - 1)
                lines.insert(lines[k], at: k)
                input = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
        case 6: // swap two lines
            var lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if lines.count > 2 {
                lines.swapAt(1 + random.below(lines.count - 1), 1 + random.below(lines.count - 1))
                input = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
        case 7: // swap two comma-separated fields within a line
            var fields = input.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            if fields.count > 2 {
                fields.swapAt(random.below(fields.count), random.below(fields.count))
                let first = input.first
                input = Array(fields.joined(separator: [UInt8(ascii: ",")]))
                if let first, !input.isEmpty { input[0] = first }
            }
        case 8: // truncate
            if at < input.count { input.removeSubrange(at...) }
        case 9: // splice with another input of the same target
            let other = corpus[random.below(corpus.count)]
            if other.count > 1 && other.first == input.first {
                let from = 1 + random.below(other.count - 1)
                input.replaceSubrange(min(at, input.count)..., with: other[from...])
            }
        default: // repeat a range (long lines, deep nesting)
            let end = min(input.count, at + 1 + random.below(12))
            if at < end {
                let piece = Array(input[at..<end])
                let times = 1 + random.below(64)
                for _ in 0..<times { input.insert(contentsOf: piece, at: at) }
            }
        }
    }

    /// libFuzzer dictionary format: one `"token"` per line, `\xNN` and `\\` escapes, `#` comments.
    static func loadDictionary(_ path: String) -> [[UInt8]]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var tokens: [[UInt8]] = []
        for line in text.split(separator: "\n") {
            guard let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close,
                  !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") else { continue }
            let body = Array(line[line.index(after: open)..<close].utf8)
            var token: [UInt8] = []
            var i = 0
            while i < body.count {
                if body[i] == UInt8(ascii: "\\"), i + 1 < body.count {
                    if body[i + 1] == UInt8(ascii: "x"), i + 3 < body.count,
                       let value = UInt8(String(decoding: body[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                        token.append(value)
                        i += 4
                        continue
                    }
                    token.append(body[i + 1])
                    i += 2
                    continue
                }
                token.append(body[i])
                i += 1
            }
            tokens.append(token)
        }
        return tokens.isEmpty ? nil : tokens
    }

    static let defaultTokens: [[UInt8]] = [
        "-1", "NaN", "inf", "1e308", "99999999999999999999", "\u{FEFF}", "\"", ",", "\n", "\r\n", "%%\n", ": ", "- ",
        "{", "}", "[", "]", "&a ", "*a", "~", "null", "é", "move_cost: 1\n", "weights:\n  move: -5\n",
    ].map { Array($0.utf8) }
}

/// SplitMix64 (the same generator as Homeward's `SeededRandom`, which is not a product of the package).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}
