import HomewardCore

extension Assessment {
    /// The mark of a decision-maker's part that the scenario does not give.
    public static let toBeCompleted = "To be completed by the decision-maker."

    /// One of the decision-maker's parts, as the report shows it.
    struct DecisionPart {
        enum Content {
            case text(String)
            case list([String])
            case actions([DecisionRecord.Action])
        }

        var key: String
        var title: String
        /// nil: to be completed.
        var content: Content?
    }

    /// The decision-maker's parts in the report's order, each with its content or nil.
    var decisionParts: [DecisionPart] {
        let r = decisionRecord
        func text(_ value: String?) -> DecisionPart.Content? { value.map(DecisionPart.Content.text) }
        return [
            DecisionPart(key: "considered", title: "The decision considered", content: text(r.considered)),
            DecisionPart(key: "decision", title: "The decision taken", content: text(r.decision)),
            DecisionPart(key: "rationale", title: "Rationale", content: text(r.rationale)),
            DecisionPart(key: "options_considered", title: "Options considered",
                         content: r.optionsConsidered.flatMap { $0.isEmpty ? nil : .list($0) }),
            DecisionPart(key: "consultation", title: "Consultation", content: text(r.consultation)),
            DecisionPart(key: "action_plan", title: "Action plan, with owners",
                         content: r.actionPlan.flatMap { $0.isEmpty ? nil : .actions($0) }),
            DecisionPart(key: "monitoring", title: "Monitoring", content: text(r.monitoring)),
            DecisionPart(key: "review_date", title: "Review date", content: text(r.reviewDate.map(Assessment.longDate))),
            DecisionPart(key: "local_family_offer", title: "The local family offer", content: text(r.localFamilyOffer)),
            DecisionPart(key: "visits_capacity", title: "Visits capacity at the receiving prisons", content: text(r.visitsCapacity)),
            DecisionPart(key: "contact", title: "Contact", content: text(r.contact)),
            DecisionPart(key: "sign_off", title: "Sign-off", content: text(r.signOff)),
        ]
    }

    /// The decision-maker's parts, machine-readable: each part's text (or list) or null, and the parts to be completed.
    func decisionJSON() -> JSON {
        var fields: [(String, JSON)] = decisionParts.map { part in
            switch part.content {
            case let .text(text): return (part.key, .string(text))
            case let .list(items): return (part.key, .array(items.map(JSON.string)))
            case let .actions(actions):
                return (part.key, .array(actions.map { a in
                    .object([("action", .string(a.action)), ("owner", .string(a.owner)), ("due", .str(a.due))])
                }))
            case nil: return (part.key, .null)
            }
        }
        fields.append(("to_be_completed", .array(decisionParts.filter { $0.content == nil }.map { .string($0.key) })))
        return .object(fields)
    }
}
