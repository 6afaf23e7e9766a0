import HomewardDomain

/// What an extract is read against: the estate and geography it will be allocated in, the postcode
/// districts that turn outward codes into local authorities, the policy whose hard rules a lock must keep,
/// and the code tables.
public struct ExtractContext: Sendable {
    public var estate: Estate
    public var geography: Geography
    public var postcodes: [PostcodeDistrict]
    public var policy: Policy
    public var codes: ExtractCodes

    public init(estate: Estate, geography: Geography, postcodes: [PostcodeDistrict], policy: Policy, codes: ExtractCodes) {
        self.estate = estate
        self.geography = geography
        self.postcodes = postcodes
        self.policy = policy
        self.codes = codes
    }
}

/// Reads an HMPPS-shaped extract folder (docs/EXTRACT.md) into a ``Population`` whose ``WeekConstraints``
/// carry the week's holds, locks, movers, place needs and non-associations.
///
/// Refuses, naming file, line and field: a manifest without `pseudonymised: true`; any column carrying a
/// direct identifier; a pid that looks like a prison number; a duplicate pid; an unknown code (with the
/// nearest known one); a reference to an unknown pid; a lock into a prison that breaks a hard rule.
/// Every problem in every file is reported together, and nothing is returned half-read.
public enum ExtractLoader {
    public struct Result: Sendable {
        public var population: Population
        /// The manifest's snapshot date (ISO).
        public var snapshotDate: String
        /// The manifest says the people are synthetic (`synthetic: true`, written by `homeward extract synth`).
        public var synthetic: Bool
        /// Every file read, with its text, for fingerprints.
        public var files: [(path: String, text: String)]
    }

    /// Loads the extract in `directory`.
    /// - Throws: ``InputErrors`` listing every problem found.
    public static func load(directory: String, source: any InputSource, context: ExtractContext) throws(InputErrors) -> Result {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        func path(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }
        let manifestPath = path(ExtractFormat.manifest)
        let manifestText = try source.read(manifestPath)
        let manifest = try ManifestReader.read(manifestText, file: manifestPath)
        var files: [(path: String, text: String)] = [(manifestPath, manifestText)]
        var tables: [String: (table: CSVTable, file: String)] = [:]
        var errors: [InputError] = []
        for (name, columns, optional) in ExtractFormat.tables {
            let file = path(name)
            if optional && !source.exists(file) { continue }
            do {
                let text = try source.read(file)
                // Identifier columns are looked for first: a file keyed by prison numbers has no pid column either.
                let table = try CSVTable(parsing: text, file: file)
                files.append((file, text))
                tables[name] = (table, file)
                errors += identifierColumnErrors(table, file: file)
                for column in columns where !table.header.contains(column) {
                    errors.append(InputError(file: file, line: 1, field: column, reason: .missing,
                                             hint: "the header must name every column: \(columns.joined(separator: ","))"))
                }
            } catch {
                errors += error.errors
            }
        }
        // Nothing in a table that carries an identifier is read further.
        if !errors.isEmpty { throw InputErrors(errors) }
        var reader = WeekReader(context: context, snapshot: manifest.snapshot)
        reader.readPersons(tables[ExtractFormat.persons]!)
        reader.readAlerts(tables[ExtractFormat.alerts]!)
        reader.readNonAssociations(tables[ExtractFormat.nonAssociations]!)
        reader.readHolds(tables[ExtractFormat.holds]!)
        reader.readLocks(tables[ExtractFormat.locks]!)
        if let movers = tables[ExtractFormat.movers] { reader.readMovers(movers) }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return Result(population: reader.population(), snapshotDate: ISODate.text(manifest.snapshot),
                      synthetic: manifest.synthetic, files: files)
    }

    /// One error for each column whose name says it carries a direct identifier.
    static func identifierColumnErrors(_ table: CSVTable, file: String) -> [InputError] {
        table.header.filter(ExtractFormat.isIdentifierColumn).map {
            InputError(file: file, line: 1, field: $0,
                       reason: .other("carries a direct identifier; an extract must hold none, so it is refused"),
                       hint: "key people by a pseudonymous pid (homeward extract pseudonymise drops identifier columns)")
        }
    }
}

/// The manifest: `snapshot_date`, `source`, `pseudonymised: true`, and optionally `synthetic: true`.
enum ManifestReader {
    struct Manifest {
        var snapshot: Int
        var source: String
        var synthetic: Bool
    }

    static func read(_ text: String, file: String) throws(InputErrors) -> Manifest {
        var reader = YAMLReader(file: file)
        let hint = "a manifest needs snapshot_date: 2026-12-07, source: (free text) and pseudonymised: true"
        guard let root = reader.parse(text, emptyHint: hint),
              let pairs = reader.mapping(root, "", allowed: ["snapshot_date", "source", "pseudonymised", "synthetic"]) else {
            throw InputErrors(reader.errors.errors)
        }
        var snapshot: Int?
        var sourceText: String?
        var pseudonymised = false
        var synthetic = false
        for (key, value) in pairs {
            switch key {
            case "snapshot_date":
                if let text = reader.string(value, key) {
                    snapshot = ISODate.day(text)
                    if snapshot == nil { reader.add(value, key, .malformed(text, expected: "an ISO date (yyyy-mm-dd)")) }
                }
            case "source": sourceText = reader.string(value, key)
            case "synthetic": synthetic = reader.bool(value, key) ?? false
            default: pseudonymised = reader.bool(value, key) ?? false
            }
        }
        for (key, present) in [("snapshot_date", pairs.contains { $0.key == "snapshot_date" }),
                               ("source", pairs.contains { $0.key == "source" })] where !present {
            reader.errors.add(line: root.mark?.line, field: key, .missing, hint: hint)
        }
        if !pseudonymised {
            reader.errors.add(line: pairs.first { $0.key == "pseudonymised" }?.value.mark?.line ?? root.mark?.line,
                              field: "pseudonymised",
                              .other("must be true: only a pseudonymised extract (people keyed by pid, no direct identifiers) is read"),
                              hint: "run homeward extract pseudonymise on the folder first")
        }
        try reader.errors.throwIfAny()
        return Manifest(snapshot: snapshot!, source: sourceText ?? "", synthetic: synthetic)
    }
}
