import HomewardCore

extension Assessment {
    /// The Family Test's five questions (DWP, refreshed guidance 26 May 2021),
    /// each answered from what the data can see, with a rating by a stated rule.
    ///
    /// Rule, for the group each question looks at: **negative** if the group's
    /// average distance from home rises by at least ``materialMiles`` or its
    /// share within 50 miles falls by at least ``materialShare``; **positive**
    /// for the same improvements (and no material worsening); **neutral**
    /// otherwise; **not assessable** when the group is too small to publish.
    static func familyTest(people: [PersonComparison], affected: [PersonComparison], disclosure d: Disclosure) -> [FamilyTestAnswer] {
        func rate(_ group: [PersonComparison]) -> (FamilyTestAnswer.Rating, String) {
            let both = group.filter { $0.milesBefore != nil && $0.milesAfter != nil }
            guard d.allows(people: both.count) else {
                return (.notAssessable, group.isEmpty ? "Nobody in this group is affected." : "\(d.phrase.capitalisedFirst) people in this group are affected: too few to publish figures.")
            }
            let before = both.reduce(0.0) { $0 + $1.milesBefore! } / Double(both.count)
            let after = both.reduce(0.0) { $0 + $1.milesAfter! } / Double(both.count)
            let within50Before = Double(both.filter { $0.milesBefore! <= 50 }.count) / Double(both.count)
            let within50After = Double(both.filter { $0.milesAfter! <= 50 }.count) / Double(both.count)
            let worse = after - before >= materialMiles || within50Before - within50After >= materialShare
            let better = before - after >= materialMiles || within50After - within50Before >= materialShare
            let rating: FamilyTestAnswer.Rating = worse ? .negative : (better ? .positive : .neutral)
            let evidence = "\(Format.grouped(both.count)) people: average distance from home \(Format.fixed(before, 1)) → \(Format.fixed(after, 1)) miles; held within 50 miles \(Format.percent(within50Before)) → \(Format.percent(within50After))."
            return (rating, evidence)
        }
        let young = affected.filter { $0.prisoner.age < 30 }
        let nearRelease = affected.filter { $0.stage == .preRelease || $0.stage == .resettlement || $0.stage == .shortSentence }
        let convicted = affected.filter { $0.prisoner.legalStatus == .sentenced }
        // Held far from home before *or* after: choosing by the distance before alone would favour any change
        // (people already far away can mostly only come closer).
        let atRisk = affected.filter {
            ($0.milesBefore ?? 0) > 100 || ($0.milesAfter ?? 0) > 100 || $0.prisoner.sex == .female || $0.homeRegion == "Wales"
        }
        let answers: [(String, [PersonComparison], String, String)] = [
            ("What kinds of impact might the change have on family formation?", young,
             "Looks at people affected who are under 30, the age at which most partnerships and families are formed: distance from home is the part of family formation the data can see.",
             "Homeward holds no data on partners, marriages or children."),
            ("What kind of impact will the change have on families going through key transitions?", nearRelease,
             "Looks at people affected who are near release or serving a short sentence: release is the transition the prison estate shapes most, and the 2018 update prioritises closeness to home for exactly these people.",
             "Other transitions (a birth, a bereavement, a new caring role) are not in the data."),
            ("What impact will the change have on all family members' ability to play a full role in family life, including parenting and caring?", convicted,
             "Looks at convicted people affected, whose families may visit twice in every four weeks: distance decides how often a family can visit and whether a parent can keep a role in a child's life.",
             "Homeward does not know who has children or caring responsibilities; the Farmer Review for Women (2019) found that most women in prison are mothers."),
            ("How does the change affect families before, during and after couple separation?", affected,
             "Looks at everyone affected: distance and the cost of visits strain relationships, and separation makes visits harder to arrange.",
             "Homeward holds no data on relationships or separation."),
            ("How does the change affect families most at risk of deterioration of relationship quality and breakdown?", atRisk,
             "Looks at people affected who are held more than 100 miles from home before or after the change, women (usually primary carers, held on average further from home), and families in Wales (Wales has no women's prison).",
             "Other risk factors (domestic abuse, debt, poor health) are not in the data."),
        ]
        return answers.enumerated().map { k, item in
            let (rating, evidence) = rate(item.1)
            return FamilyTestAnswer(number: k + 1, question: item.0, rating: rating, evidence: item.2 + " " + evidence, limits: item.3)
        }
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
