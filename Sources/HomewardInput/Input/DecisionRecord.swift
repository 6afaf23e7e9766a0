import HomewardDomain
import Yams

/// The parts of a family impact assessment that only the decision-maker (HMPPS or a governor) can write: the
/// decision and its rationale, the options considered, consultation, the action plan with owners, monitoring and
/// a review date, the local family offer, visits capacity at the receiving prisons, a contact and the sign-off
/// (issue #22, item 6). Every part is optional; the report marks a missing part "to be completed".
public struct DecisionRecord: Sendable, Equatable {
    /// One action of the action plan.
    public struct Action: Sendable, Equatable {
        public var action: String
        /// Who owns it (a role or team, not a person's name).
        public var owner: String
        /// When it is due (free text or an ISO date).
        public var due: String?

        public init(action: String, owner: String, due: String? = nil) {
            self.action = action
            self.owner = owner
            self.due = due
        }
    }

    /// The decision the assessment supports, as a question ("Whether to close HMP Bedford ...").
    public var considered: String?
    /// The decision taken.
    public var decision: String?
    public var rationale: String?
    public var optionsConsidered: [String]?
    public var consultation: String?
    public var actionPlan: [Action]?
    public var monitoring: String?
    public var reviewDate: String?
    public var localFamilyOffer: String?
    public var visitsCapacity: String?
    public var contact: String?
    public var signOff: String?

    public init(considered: String? = nil, decision: String? = nil, rationale: String? = nil, optionsConsidered: [String]? = nil,
                consultation: String? = nil, actionPlan: [Action]? = nil, monitoring: String? = nil, reviewDate: String? = nil,
                localFamilyOffer: String? = nil, visitsCapacity: String? = nil, contact: String? = nil, signOff: String? = nil) {
        self.considered = considered
        self.decision = decision
        self.rationale = rationale
        self.optionsConsidered = optionsConsidered
        self.consultation = consultation
        self.actionPlan = actionPlan
        self.monitoring = monitoring
        self.reviewDate = reviewDate
        self.localFamilyOffer = localFamilyOffer
        self.visitsCapacity = visitsCapacity
        self.contact = contact
        self.signOff = signOff
    }

    /// The keys of a `decision:` block, in the order the report shows them.
    static let keys = [
        "considered", "decision", "rationale", "options_considered", "consultation", "action_plan", "monitoring",
        "review_date", "local_family_offer", "visits_capacity", "contact", "sign_off",
    ]

    /// Reads a `decision:` block: a line of text (the decision considered) or a mapping of the keys above.
    static func read(_ node: Node, reader: inout YAMLReader) -> DecisionRecord? {
        if case .scalar = node { return reader.string(node, "decision").map { DecisionRecord(considered: $0) } }
        guard let pairs = reader.mapping(node, "decision", allowed: keys) else { return nil }
        var record = DecisionRecord()
        for (key, value) in pairs {
            let path = "decision.\(key)"
            switch key {
            case "considered": record.considered = reader.string(value, path)
            case "decision": record.decision = reader.string(value, path)
            case "rationale": record.rationale = reader.string(value, path)
            case "options_considered":
                guard let items = reader.sequence(value, path) else { continue }
                record.optionsConsidered = items.enumerated().compactMap { reader.string($1, "\(path)[\($0 + 1)]") }
            case "consultation": record.consultation = reader.string(value, path)
            case "action_plan":
                guard let items = reader.sequence(value, path) else { continue }
                record.actionPlan = items.enumerated().compactMap { readAction($1, path: "\(path)[\($0 + 1)]", reader: &reader) }
            case "monitoring": record.monitoring = reader.string(value, path)
            case "review_date":
                record.reviewDate = reader.string(value, path)
                if let date = record.reviewDate, !ScenarioLoader.isISODate(date) {
                    reader.add(value, path, .wrongType(expected: "a date YYYY-MM-DD"))
                }
            case "local_family_offer": record.localFamilyOffer = reader.string(value, path)
            case "visits_capacity": record.visitsCapacity = reader.string(value, path)
            case "contact": record.contact = reader.string(value, path)
            case "sign_off": record.signOff = reader.string(value, path)
            default: break
            }
        }
        return record
    }

    /// One action: `{action: ..., owner: ..., due: ...}`; action and owner are required.
    static func readAction(_ node: Node, path: String, reader: inout YAMLReader) -> Action? {
        guard let pairs = reader.mapping(node, path, allowed: ["action", "owner", "due"]) else { return nil }
        var action: String?, owner: String?, due: String?
        for (key, value) in pairs {
            switch key {
            case "action": action = reader.string(value, "\(path).action")
            case "owner": owner = reader.string(value, "\(path).owner")
            default: due = reader.string(value, "\(path).due")
            }
        }
        if action == nil { reader.add(node, "\(path).action", .missing, hint: "say what will be done") }
        if owner == nil { reader.add(node, "\(path).owner", .missing, hint: "name the role or team that owns the action") }
        guard let action, let owner else { return nil }
        return Action(action: action, owner: owner, due: due)
    }
}
