import HomewardCore

/// Promises that must hold whatever the input; each failure stops the process.
enum Oracles {
    static func fail(_ message: String) -> Never {
        fatalError("oracle: \(message)")
    }

    /// A refusal lists at least one problem; each names the file, a line inside it (or none), and says something.
    static func wellFormed(_ errors: InputErrors, file: String, text: String) {
        if errors.errors.isEmpty { fail("a refusal with no problems listed") }
        // Line breaks as YAML counts them (LF, CRLF, and a lone CR); CSV counts only LF, so this is an upper bound.
        var lines = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) { lines += 1 }
            previous = byte
        }
        for error in errors.errors {
            if error.file != file { fail("a problem names file '\(error.file)', not '\(file)'") }
            if let line = error.line, !(1...lines + 1).contains(line) { fail("a problem names line \(line) of a \(lines)-line file") }
            if let column = error.column, column < 0 { fail("a problem names column \(column)") }
            if error.reason.description.isEmpty { fail("a problem with no reason") }
        }
        if errors.description.isEmpty { fail("an empty error message") }
        if Fuzz.verbose { print(errors.description) }
    }

    /// A refusal from the instance loader: every problem names a file the loader could read (checked against that
    /// file's text), or says that a file could not be read.
    static func wellFormed(_ errors: InputErrors, files: FixtureFiles) {
        if errors.errors.isEmpty { fail("a refusal with no problems listed") }
        for error in errors.errors {
            guard let text = try? files.read(error.file) else {
                if case .unreadable = error.reason { continue }
                fail("a problem names file '\(error.file)', which the loader could not have read")
                continue
            }
            wellFormed(InputErrors([error]), file: error.file, text: text)
        }
    }

    /// Every row has the header's width, and quoting every field reads back the same table.
    static func csvRoundTrip(_ table: CSVTable) {
        for row in table.rows where row.fields.count != table.header.count {
            fail("line \(row.line) has \(row.fields.count) fields but the header has \(table.header.count)")
        }
        func quoted(_ fields: [String]) -> String {
            fields.map { "\"" + $0.replacingAll(UInt8(ascii: "\""), with: "\"\"") + "\"" }.joined(separator: ",")
        }
        let text = ([quoted(table.header)] + table.rows.map { quoted($0.fields) }).joined(separator: "\n") + "\n"
        do {
            let again = try CSVTable(parsing: text, file: "again.csv")
            if again.header != table.header { fail("the header does not survive quoting: \(table.header) vs \(again.header)") }
            if again.rows.map(\.fields) != table.rows.map(\.fields) { fail("the rows do not survive quoting") }
        } catch {
            fail("a table written back with every field quoted is refused: \(error)")
        }
    }

    /// Writing an estate and reading it back is stable (after the first write, which rounds coordinates).
    static func estateRoundTrip(_ estate: Estate) {
        do {
            let once = try EstateLoader.load(EstateLoader.write(estate), file: "written.csv")
            if once.count != estate.count { fail("the written estate has \(once.count) establishments, not \(estate.count)") }
            let twice = try EstateLoader.load(EstateLoader.write(once), file: "written.csv")
            if once != twice { fail("writing the estate twice changes it") }
        } catch {
            fail("a written estate is refused: \(error)")
        }
    }

    /// Writing a population and reading it back gives the same people.
    static func populationRoundTrip(_ population: Population, estate: Estate) {
        do {
            let again = try PopulationLoader.load(PopulationLoader.write(population), file: "written.csv",
                                                  geography: Fixtures.geography, estate: estate)
            if again != population { fail("writing the population changes it") }
        } catch {
            fail("a written population is refused: \(error)")
        }
    }

    /// Writing a policy and reading it back gives the same policy.
    static func policyRoundTrip(_ policy: Policy) {
        do {
            let again = try PolicyLoader.load(PolicyLoader.write(policy), file: "written.yaml")
            if again != policy { fail("writing the policy changes it:\n\(PolicyLoader.write(policy))") }
        } catch {
            fail("a written policy is refused: \(error)\n\(PolicyLoader.write(policy))")
        }
    }
}

extension String {
    /// `self` with every `target` byte replaced, byte by byte as the CSV parser reads
    /// (a quote followed by a combining mark is one Character but still a quote byte).
    func replacingAll(_ target: UInt8, with replacement: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for byte in utf8 {
            if byte == target { out.append(contentsOf: replacement.utf8) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Inputs that a loader accepts but that break a later step, found by fuzzing and by hand,
/// reported and not yet fixed (the code is outside the loaders). Each returns why the input is
/// skipped, so that fuzzing goes on past it; remove a check once its fix lands, and the fuzzer
/// proves the fix. (The calibration checks that were here, an age band with min above max, an empty
/// band list, a zero-day recall and fractions above 1, are fixed in `CalibrationLoader`.)
enum KnownIssues {
    /// `PopulationSynthesizer` does not bound an indeterminate sentence (tariff × e^(normal/2)), so now and
    /// then it writes a sentence or release beyond `PopulationLoader`'s 100 years (36,600 days), and
    /// `homeward population synth` writes a file that `homeward allocate` refuses (e.g. seed 15 at 88,000 people).
    static func population(_ p: Population) -> String? {
        let limit = 36_600
        if p.prisoners.contains(where: { ($0.sentenceDays ?? 0) > limit || ($0.daysToRelease ?? 0) > limit }) {
            return "a synthetic sentence beyond 100 years"
        }
        return nil
    }
}
