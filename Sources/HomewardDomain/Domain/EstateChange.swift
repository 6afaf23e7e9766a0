/// A change to the estate that a scenario studies: a re-role, a capacity
/// change, a closure or a new build (Farmer rec. 16 and 17.2).
public struct EstateChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case rerole(PrisonCode, Rerole)
        case capacity(PrisonCode, operationalCapacity: Int?, cna: Int?)
        case close(PrisonCode)
        case open(NewEstablishment)
    }

    public var kind: Kind
    /// When the change takes effect (ISO date, `YYYY-MM-DD`), for phasing.
    public var date: String?
    /// A note for the report.
    public var note: String?
    /// The scenario file line of the change, for messages.
    public var line: Int

    public init(kind: Kind, date: String? = nil, note: String? = nil, line: Int = 0) {
        self.kind = kind
        self.date = date
        self.note = note
        self.line = line
    }

    /// The establishment the change is about.
    public var code: PrisonCode {
        switch kind {
        case let .rerole(code, _), let .capacity(code, _, _), let .close(code): return code
        case let .open(new): return new.code
        }
    }

    /// A short label: `re-role`, `capacity change`, `closure` or `new build`.
    public var label: String {
        switch kind {
        case .rerole: return "re-role"
        case .capacity: return "capacity change"
        case .close: return "closure"
        case .open: return "new build"
        }
    }
}

/// What a re-role changes; nil fields stay as they were.
public struct Rerole: Sendable, Equatable {
    public var functions: Functions?
    public var categories: SecurityProvision?
    public var sex: EstablishmentSex?
    public var ageGroup: EstablishmentAgeGroup?
    /// `.some(nil)` removes a specialist-only restriction.
    public var cohortOnly: Cohort??
    public var interventions: [InterventionOffer]?

    public init(functions: Functions? = nil, categories: SecurityProvision? = nil, sex: EstablishmentSex? = nil,
                ageGroup: EstablishmentAgeGroup? = nil, cohortOnly: Cohort?? = nil, interventions: [InterventionOffer]? = nil) {
        self.functions = functions
        self.categories = categories
        self.sex = sex
        self.ageGroup = ageGroup
        self.cohortOnly = cohortOnly
        self.interventions = interventions
    }
}

/// Where a new establishment is.
public enum Location: Sendable, Equatable {
    case coordinates(latitude: Double, longitude: Double)
    /// The centroid of a local authority district.
    case localAuthority(LADCode)
    /// The centroid of a postcode district, e.g. `CF10`.
    case postcodeDistrict(String)
}

/// A new build.
public struct NewEstablishment: Sendable, Equatable {
    public var code: PrisonCode
    public var name: String
    public var location: Location
    public var sex: EstablishmentSex
    public var ageGroup: EstablishmentAgeGroup
    public var categories: SecurityProvision
    public var functions: Functions
    public var operationalCapacity: Int
    public var cna: Int
    /// The region; derived from the location's local authority when absent.
    public var region: String?
    public var cohortOnly: Cohort?
    public var interventions: [InterventionOffer]

    public init(code: PrisonCode, name: String, location: Location, sex: EstablishmentSex, ageGroup: EstablishmentAgeGroup,
                categories: SecurityProvision, functions: Functions, operationalCapacity: Int, cna: Int,
                region: String? = nil, cohortOnly: Cohort? = nil, interventions: [InterventionOffer] = []) {
        self.code = code
        self.name = name
        self.location = location
        self.sex = sex
        self.ageGroup = ageGroup
        self.categories = categories
        self.functions = functions
        self.operationalCapacity = operationalCapacity
        self.cna = cna
        self.region = region
        self.cohortOnly = cohortOnly
        self.interventions = interventions
    }
}

/// A postcode district's centroid (for locating new builds).
public struct PostcodeDistrict: Sendable, Equatable {
    public var district: String
    public var latitude: Double
    public var longitude: Double
    public var lad: LADCode?

    public init(district: String, latitude: Double, longitude: Double, lad: LADCode?) {
        self.district = district
        self.latitude = latitude
        self.longitude = longitude
        self.lad = lad
    }
}
