import HomewardDomain

/// What applying estate changes needs to know besides the estate.
public struct ChangeContext: Sendable {
    public var file: String
    public var geography: Geography
    public var postcodeDistricts: [PostcodeDistrict]
    public var population: Population
    public var policy: Policy
    /// Whether to refuse changes that leave some people with nowhere lawful to go (a sweep
    /// turns this off: it reports such people as not placed instead).
    public var checksStranded: Bool

    public init(file: String, geography: Geography, postcodeDistricts: [PostcodeDistrict], population: Population, policy: Policy,
                checksStranded: Bool = true) {
        self.file = file
        self.geography = geography
        self.postcodeDistricts = postcodeDistricts
        self.population = population
        self.policy = policy
        self.checksStranded = checksStranded
    }
}

/// Applies a scenario's estate changes, in order, checking each one.
public enum EstateChanges {
    /// The estate after `changes`.
    ///
    /// Refused, with the scenario file, line and field: an unknown or
    /// out-of-scope establishment, a new build whose code is taken or whose
    /// location is unknown, categories that do not fit the sex, and any change
    /// after which some people in the population could be held nowhere (for
    /// example closing the only establishment that holds Category A).
    /// - Throws: ``InputErrors`` listing every refused change.
    public static func apply(_ changes: [EstateChange], to estate: Estate, context: ChangeContext) throws(InputErrors) -> Estate {
        // No change strands anybody: skip the (national: 0.1 s) lawfulness check.
        guard !changes.isEmpty else { return estate }
        var errors = ErrorCollector(file: context.file)
        var establishments = estate.establishments
        // People by rule class, worked out once: which classes some establishment may hold is asked after every change.
        let classes = context.checksStranded ? ruleClasses(context) : [:]
        let lawfulBefore = lawfulClasses(Estate(establishments: establishments), classes, context)
        var firstLost: [RuleClass: Int] = [:]
        for (k, change) in changes.enumerated() {
            do throws(Refusal) {
                try apply(change, to: &establishments, context: context)
            } catch {
                errors.add(line: change.line, field: "changes[\(k + 1)].\(kindKey(change)).\(error.field)", error.reason, hint: error.hint)
                continue // the estate is as it was: no need to look for stranded people again
            }
            // Remember which change first left a class of people with nowhere lawful to go; judge at the end,
            // so that a closure followed by a new build for the same people is allowed.
            let after = lawfulClasses(Estate(establishments: establishments), classes, context)
            for key in lawfulBefore.keys where after[key] == nil && firstLost[key] == nil {
                firstLost[key] = k
            }
        }
        let final = lawfulClasses(Estate(establishments: establishments), classes, context)
        reportStranded(firstLost.filter { final[$0.key] == nil }, changes: changes, lawfulBefore: lawfulBefore, errors: &errors)
        try errors.throwIfAny()
        return Estate(establishments: establishments)
    }

    /// Why one change was refused: the field (under the change's own path), the reason and what to do.
    struct Refusal: Error {
        var field: String
        var reason: InputError.Reason
        var hint: String?

        init(_ field: String, _ reason: InputError.Reason, hint: String? = nil) {
            self.field = field
            self.reason = reason
            self.hint = hint
        }
    }

    /// Applies one change; a refused change leaves `establishments` as it was.
    static func apply(_ change: EstateChange, to establishments: inout [Establishment], context: ChangeContext) throws(Refusal) {
        let found = establishments.firstIndex { $0.code == change.code }
        switch change.kind {
        case let .rerole(code, rerole):
            let index = try inScope(found, code, establishments)
            establishments[index] = try reroled(establishments[index], by: rerole)
        case let .capacity(code, capacity, cna):
            let index = try inScope(found, code, establishments)
            if let capacity { establishments[index].operationalCapacity = capacity }
            if let cna { establishments[index].cna = cna }
        case let .close(code):
            let index = try inScope(found, code, establishments)
            if establishments[index].isClosed {
                throw Refusal("establishment", .inconsistent("\(code) is already closed by an earlier change"))
            }
            establishments[index].isClosed = true
        case let .open(new):
            if found != nil {
                throw Refusal("code", .duplicate(new.code.rawValue), hint: "a new build needs a code not used in the estate")
            }
            establishments.append(try newBuild(new, context: context))
        }
    }

    /// The index of the establishment a change names (`found`), refused unless it is in the estate and in scope.
    static func inScope(_ found: Int?, _ code: PrisonCode, _ establishments: [Establishment]) throws(Refusal) -> Int {
        guard let index = found, establishments[index].isInScope else {
            throw Refusal("establishment", .unknown(code.rawValue, expected: inScopeCodes(establishments)))
        }
        return index
    }

    /// The establishment after a re-role, refused if its categories do not fit its sex or it joins the children's estate.
    static func reroled(_ establishment: Establishment, by rerole: Rerole) throws(Refusal) -> Establishment {
        var e = establishment
        if let functions = rerole.functions { e.functions = functions }
        if let categories = rerole.categories { e.categories = categories }
        if let sex = rerole.sex { e.sex = sex }
        if let age = rerole.ageGroup { e.ageGroup = age }
        if let cohort = rerole.cohortOnly { e.cohortOnly = cohort }
        if let interventions = rerole.interventions { e.interventions = interventions }
        if let problem = categoryProblem(e) {
            throw Refusal(rerole.categories != nil ? "categories" : "sex", .inconsistent(problem))
        }
        if e.ageGroup == .juvenile || e.functions.contains(.children) {
            throw Refusal("age_group", .inconsistent("re-roling to the children's estate takes the establishment out of Homeward's scope"),
                          hint: "model it as a closure instead")
        }
        return e
    }

    /// A new build, placed at its location; refused if the location or region is unknown or its categories do not fit its sex.
    static func newBuild(_ new: NewEstablishment, context: ChangeContext) throws(Refusal) -> Establishment {
        guard let place = locate(new.location, context) else {
            switch new.location {
            case let .localAuthority(lad):
                throw Refusal("location.lad", .unknown(lad.rawValue, expected: ["a local authority district code in the geography file"]))
            case let .postcodeDistrict(district):
                throw Refusal("location.postcode_district", .unknown(district, expected: ["a postcode district in England or Wales, e.g. CF10"]),
                              hint: context.postcodeDistricts.isEmpty ? "no postcode-district file was found beside the estate" : nil)
            case .coordinates:
                throw Refusal("location", .inconsistent("the coordinates cannot be placed in any region"))
            }
        }
        var e = Establishment(
            code: new.code, name: new.name, operatorKind: "new build", sex: new.sex, ageGroup: new.ageGroup,
            categories: new.categories, functions: new.functions, operationalCapacity: new.operationalCapacity,
            cna: new.cna, latitude: place.latitude, longitude: place.longitude, postcode: place.postcode,
            region: new.region ?? place.region, cohortOnly: new.cohortOnly, interventions: new.interventions,
            source: "SCENARIO")
        if let region = new.region, !context.geography.regions.contains(region) {
            throw Refusal("region", .unknown(region, expected: context.geography.regions))
        }
        if let problem = categoryProblem(e) {
            throw Refusal("categories", .inconsistent(problem))
        }
        e.source = "SCENARIO (new build)"
        return e
    }

    /// Reports each class of people left with nowhere lawful to go against the change that first did it
    /// (naming the three largest classes per change).
    /// - Parameter stranded: the index in `changes` of the change that first stranded each class.
    static func reportStranded(_ stranded: [RuleClass: Int], changes: [EstateChange], lawfulBefore: [RuleClass: [Int]],
                               errors: inout ErrorCollector) {
        let byChange = Dictionary(grouping: stranded, by: \.value)
        for (k, keys) in byChange.sorted(by: { $0.key < $1.key }) {
            let change = changes[k]
            let described = keys.map { ($0.key, lawfulBefore[$0.key]!) }
                .sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : describe($0.0) < describe($1.0) }
                .prefix(3).map { key, people in
                    "\(people.count) \(people.count == 1 ? "person" : "people") (\(describe(key)))"
                }
            errors.add(line: change.line, field: "changes[\(k + 1)].\(kindKey(change)).establishment",
                       .inconsistent("after this \(change.label) no establishment could lawfully hold " + described.joined(separator: "; ")),
                       hint: "keep or open an establishment for them, or change the scenario")
        }
    }

    static func kindKey(_ change: EstateChange) -> String {
        switch change.kind {
        case .rerole: return "rerole"
        case .capacity: return "capacity"
        case .close: return "close"
        case .open: return "open"
        }
    }

    static func inScopeCodes(_ establishments: [Establishment]) -> [String] {
        establishments.filter(\.isInScope).map(\.code.rawValue).sorted()
    }

    static func categoryProblem(_ e: Establishment) -> String? {
        let womens: SecurityProvision = [.womenClosed, .womenOpen]
        let mens: SecurityProvision = [.a, .b, .c, .d]
        if e.sex == .female && !e.categories.isSubset(of: womens) {
            return "a women's establishment cannot hold categories \(e.categories.text); use women-closed or women-open"
        }
        if e.sex == .male && !e.categories.isSubset(of: mens) {
            return "a men's establishment cannot hold categories \(e.categories.text); use A, B, C or D"
        }
        if e.categories.isEmpty { return "an establishment needs at least one category" }
        return nil
    }

    /// The rule attributes that decide where a person may be held at all.
    struct RuleClass: Hashable {
        var sex: Sex
        var youngAdult: Bool
        var category: Category
        var remand: Bool
        var cohorts: Cohorts
    }

    /// People by rule class, with one profile of each class (the rules read nothing else of a person).
    static func ruleClasses(_ context: ChangeContext) -> [RuleClass: (people: [Int], sample: Profile)] {
        var byClass: [RuleClass: (people: [Int], sample: Profile)] = [:]
        for (i, p) in context.population.prisoners.enumerated() {
            guard let home = context.geography.index(of: p.home) else { continue }
            let profile = Profile(p, home: home, policy: context.policy)
            let key = RuleClass(sex: p.sex, youngAdult: p.isYoungAdult, category: p.category,
                                remand: p.legalStatus == .remand, cohorts: profile.cohorts)
            if byClass[key] == nil { byClass[key] = ([], profile) }
            byClass[key]!.people.append(i)
        }
        return byClass
    }

    /// People by rule class (``ruleClasses(_:)``), for the classes that some establishment of `estate` may hold.
    static func lawfulClasses(_ estate: Estate, _ classes: [RuleClass: (people: [Int], sample: Profile)],
                              _ context: ChangeContext) -> [RuleClass: [Int]] {
        let margin = context.policy.operatingMarginPercent / 100
        return classes.filter { _, entry in
            estate.establishments.contains { e in
                let usable = e.isAvailable ? Int((Double(e.operationalCapacity) * (1 - margin)).rounded(.down)) : 0
                return Rules.exclusions(entry.sample, at: e, usableCapacity: usable, isCurrent: true, policy: context.policy).isEmpty
            }
        }.mapValues(\.people)
    }

    static func describe(_ key: RuleClass) -> String {
        var words: [String] = []
        words.append(key.sex == .male ? (key.youngAdult ? "young men" : "men") : (key.youngAdult ? "young women" : "women"))
        switch key.category {
        case .a, .b, .c, .d: words.append("in category \(key.category.rawValue)")
        case .closed: words.append("in closed conditions")
        case .open: words.append("suitable for open conditions")
        }
        if key.remand { words.append("on remand") }
        if key.cohorts.contains(.sexualOffence) { words.append("convicted of sexual offences") }
        if key.cohorts.contains(.foreignNational) { words.append("who are foreign nationals") }
        return words.joined(separator: " ")
    }

    struct Place { var latitude: Double; var longitude: Double; var region: String; var postcode: String }

    static func locate(_ location: Location, _ context: ChangeContext) -> Place? {
        let geography = context.geography
        switch location {
        case let .localAuthority(code):
            guard let authority = geography.authority(code) else { return nil }
            return Place(latitude: authority.latitude, longitude: authority.longitude, region: authority.region, postcode: "")
        case let .postcodeDistrict(district):
            guard let entry = context.postcodeDistricts.first(where: { $0.district == district }) else { return nil }
            let region = entry.lad.flatMap { geography.authority($0)?.region }
                ?? nearestRegion(entry.latitude, entry.longitude, geography)
            guard let region else { return nil }
            return Place(latitude: entry.latitude, longitude: entry.longitude, region: region, postcode: district)
        case let .coordinates(latitude, longitude):
            guard let region = nearestRegion(latitude, longitude, geography) else { return nil }
            return Place(latitude: latitude, longitude: longitude, region: region, postcode: "")
        }
    }

    /// The region of the local authority whose ONS point is nearest (an approximation near borders).
    static func nearestRegion(_ latitude: Double, _ longitude: Double, _ geography: Geography) -> String? {
        geography.authorities.min {
            DistanceTable.greatCircleKm(latitude, longitude, $0.latitude, $0.longitude)
                < DistanceTable.greatCircleKm(latitude, longitude, $1.latitude, $1.longitude)
        }?.region
    }
}
