import HomewardCore

extension Assessment {
    /// Visits a person on remand may receive in four weeks: the Prison Rules (r.35(1)) let unconvicted people
    /// have as many visits as they wish within the Secretary of State's limits, in practice about three a week
    /// (inbrief.co.uk, a secondary source: an estimate, to be confirmed against the prison's own visits policy).
    public static let remandVisitsPerFourWeeks = 12.0
    /// Visits a convicted person may receive in four weeks (Prison Rules 1999, r.35(2)(b)).
    public static let convictedVisitsPerFourWeeks = 2.0
    /// A net change of at least this many people is material for a count-based rule (twice the usual threshold
    /// of disclosure, so that a rating never rests on a handful of people).
    public static let materialPeople = 10
    /// A net change of at least this many hours of family travel per four weeks, for each family of the group
    /// whose relative is held somewhere different, is material.
    public static let materialHoursPerFamily = 0.5

    /// The Family Test's five questions (DWP, refreshed guidance 26 May 2021), each answered as a reasoned
    /// judgement from the evidence that fits it, with the rule behind its rating (issue #22, item 3).
    ///
    /// Design: no question re-uses another's figure for the same group. Groups are who people are (age, sex,
    /// stage, legal status, home nation), never who the change moves; each figure is taken over the whole group,
    /// so people the change leaves alone count as no change rather than being left out. Where the data hold
    /// nothing that fits a question, it is "not assessable from these data", with the data that would answer it.
    static func familyTest(people: [PersonComparison], disclosure d: Disclosure) -> [FamilyTestAnswer] {
        [formation(), transitions(people, d), familyLife(people, d), separation(), atRisk(people, d)]
    }

    /// Question 1: nothing in the data fits family formation.
    static func formation() -> FamilyTestAnswer {
        FamilyTestAnswer(
            number: 1, question: "What kinds of impact might the change have on family formation?", rating: .notAssessable,
            evidence: "Family formation (partnerships, marriages, the birth of children) is not recorded in these data. Distance from home for young people would only repeat the evidence used for other questions, so it is not offered as an answer here.",
            rule: "Not assessable: no figure in the data describes forming a family.",
            limits: "Would be answered by relationship status and children recorded at reception (the Basic Custody Screening Tool) or in the Personal Circumstances File the Farmer Review for Women recommends, with requests for marriage or civil partnership in custody.",
            basis: [])
    }

    /// Question 2: release is the transition the estate shapes most; the evidence is home-region placement of the
    /// people within a year of release.
    static func transitions(_ people: [PersonComparison], _ d: Disclosure) -> FamilyTestAnswer {
        let group = PersonGroup.withinAYearOfRelease
        let members = group.members(of: people)
        let lose = members.filter { $0.inHomeRegionBefore && !$0.inHomeRegionAfter }.count
        let gain = members.filter { !$0.inHomeRegionBefore && $0.inHomeRegionAfter }.count
        let rating = countRating(worse: lose, better: gain)
        let question = "What kind of impact will the change have on families going through key transitions?"
        let rule = "Negative if at least \(materialPeople) more people within a year of release would lose a place in their home region than gain one; positive if at least \(materialPeople) more would gain one; neutral otherwise."
        return FamilyTestAnswer(
            number: 2, question: question, rating: rating,
            evidence: "Release is the transition the prison estate shapes most: people are meant to spend their last months in a prison in their home region, to rebuild family ties and find housing and work, and the Ministry of Justice prioritises people near release for places near home. Of the \(d.text(d.count(members.count))) people within a year of release, \(d.text(d.count(lose))) would no longer be held in their home region and \(d.text(d.count(gain))) would be brought into it.",
            rule: rule,
            limits: "Other transitions (a birth, a bereavement, a new caring role, illness in the family) are not recorded in these data; release on temporary licence and resettlement plans would show how the last months are actually spent.",
            basis: [.init(group: group.label, figure: "home region placement")])
    }

    /// Question 3: parenting and caring depend on visits; the evidence is the family travel for each group's
    /// visits entitlement, convicted and on remand separately.
    static func familyLife(_ people: [PersonComparison], _ d: Disclosure) -> FamilyTestAnswer {
        func travel(_ group: PersonGroup, visits: Double) -> (text: String, hours: Double, families: Int) {
            let members = group.members(of: people)
            let moved = members.filter { $0.milesBefore != nil && $0.milesAfter != nil && $0.isAffected }
            let milesChange = moved.reduce(0.0) { $0 + $1.milesChange! }
            let hours = 2 * milesChange / assumedSpeedMph * visits
            let costYear = 2 * milesChange * visits * 13 * assistedRatePerMile
            guard d.allows(people: moved.count) else {
                return ("\(group.label): \(d.text(d.count(moved.count))) of the group's families would see any change, too few to publish figures.", 0, moved.count)
            }
            let text = "\(group.label) (\(Format.fixed(visits, 0)) visits in four weeks): the families of the \(Format.grouped(moved.count)) people held somewhere different would travel \(signed(hours, 0)) hours in all every four weeks (\(signed(hours / Double(moved.count), 1)) hours each), and the Help with Prison Visits cost of their journeys at 20p a mile would change by \(signed(costYear, 0, unit: "£")) a year."
            return (text, hours, moved.count)
        }
        let convicted = travel(.convicted, visits: convictedVisitsPerFourWeeks)
        let remand = travel(.onRemand, visits: remandVisitsPerFourWeeks)
        let families = convicted.families + remand.families
        let perFamily = families > 0 ? (convicted.hours + remand.hours) / Double(families) : 0
        let rating: FamilyTestAnswer.Rating = families == 0 ? .neutral : !d.allows(people: families) ? .notAssessable
            : perFamily >= materialHoursPerFamily ? .negative : perFamily <= -materialHoursPerFamily ? .positive : .neutral
        return FamilyTestAnswer(
            number: 3,
            question: "What impact will the change have on all family members' ability to play a full role in family life, including parenting and caring?",
            rating: rating,
            evidence: "A parent or carer in prison keeps a role in family life mainly through visits, and how often a family can visit depends on the journey's time and cost. Families of convicted people may visit twice in every four weeks (Prison Rules 1999, rule 35); families of people on remand may visit more often, taken here as three times a week (an estimate). " + convicted.text + " " + remand.text,
            rule: "Negative if the families of the people held somewhere different would, together, travel at least \(Format.fixed(materialHoursPerFamily, 1)) hours more every four weeks for each such family (convicted and remand together, at each group's own visits entitlement, \(Format.fixed(assumedSpeedMph, 0)) mph door to door); positive for the same saving; neutral otherwise.",
            limits: "These data do not say who is a parent or a carer, or how families travel; the Farmer Review for Women (2019) found that most women in prison are mothers. Counts of children, the main visitor's journey by public transport, and Help with Prison Visits claims would answer it directly.",
            basis: [.init(group: PersonGroup.convicted.label, figure: "visit travel"), .init(group: PersonGroup.onRemand.label, figure: "visit travel")])
    }

    /// Question 4: nothing in the data fits couple separation.
    static func separation() -> FamilyTestAnswer {
        FamilyTestAnswer(
            number: 4, question: "How does the change affect families before, during and after couple separation?", rating: .notAssessable,
            evidence: "Whether a person has a partner, is separating or has separated is not recorded in these data, and the distance figures used for the other questions cannot say which families are separating.",
            rule: "Not assessable: no figure in the data describes couple separation.",
            limits: "Would be answered by relationship status, who the main visitor is, and child-contact or restraining orders recorded at reception and in the Offender Management in Custody case record.",
            basis: [])
    }

    /// Question 5: the families the evidence shows most at risk are women's, young adults' and Welsh families;
    /// the evidence is the number of each held more than 100 miles from home.
    static func atRisk(_ people: [PersonComparison], _ d: Disclosure) -> FamilyTestAnswer {
        let groups: [PersonGroup] = [.women, .youngAdults, .familiesInWales]
        var worse = 0, better = 0
        var parts: [String] = []
        for group in groups {
            let members = group.members(of: people)
            let out = members.filter { ($0.milesBefore ?? 0) <= 100 && ($0.milesAfter ?? 0) > 100 }.count
            let back = members.filter { ($0.milesBefore ?? 0) > 100 && ($0.milesAfter ?? 0) <= 100 }.count
            worse += out
            better += back
            parts.append("\(group.label): \(d.text(d.count(out))) newly held more than 100 miles from home, \(d.text(d.count(back))) brought within 100 miles.")
        }
        return FamilyTestAnswer(
            number: 5, question: "How does the change affect families most at risk of deterioration of relationship quality and breakdown?",
            rating: countRating(worse: worse, better: better),
            evidence: "Long separation by distance is the risk the data can see. Three groups are chosen for who they are, before any figure is looked at: women (usually primary carers, and held further from home on average), young adults (whose ties are youngest and who are held furthest from home among the men), and families in Wales (Wales has no women's prison). " + parts.joined(separator: " "),
            rule: "Negative if, across the three groups, at least \(materialPeople) more people would be newly held more than 100 miles from home than brought within 100 miles; positive for the reverse; neutral otherwise.",
            limits: "Other risk factors (domestic abuse, debt, poor health, a child in care) are not in these data; the Offender Assessment System (OASys) relationships section would show them.",
            basis: groups.map { .init(group: $0.label, figure: "held over 100 miles") })
    }

    /// A rating from counts of people worse and better off, by the material-people rule.
    static func countRating(worse: Int, better: Int) -> FamilyTestAnswer.Rating {
        worse - better >= materialPeople ? .negative : better - worse >= materialPeople ? .positive : .neutral
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
