import HomewardCore

extension Assessment {
    /// The published report, section by section (research/domain.md §4).
    public func document() -> ReportDocument {
        var doc = ReportDocument(
            title: title,
            subtitle: "A family impact assessment of an estate change, under Farmer Review recommendations 16 and 17.2 and the Government's Family Test. \(question)",
            banner: synthetic ? "Illustrative: the people in this assessment are synthetic, generated from published figures, because prisoner-level data are not public. The establishments and capacities are real; the figures about people are not a description of real individuals." : nil)
        addSummary(to: &doc)
        addWhoIsAffected(to: &doc)
        addProximity(to: &doc)
        addVisits(to: &doc)
        addFamilyTest(to: &doc)
        addSentenceStage(to: &doc)
        addEquality(to: &doc)
        addMitigations(to: &doc)
        addMethod(to: &doc)
        addDecision(to: &doc)
        return doc
    }

    // MARK: - Sections

    /// Section 1: the changes, the decision supported, the headline and the key figures.
    private func addSummary(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "1. Summary"))
        for change in changes { doc.add(.paragraph(change.description)) }
        if let decision { doc.add(.paragraph("Decision supported: \(decision)")) }
        for sentence in headline { doc.add(.paragraph(sentence)) }
        let everyone = proximity.first { $0.label == "Everyone" }
        let hit = proximity.first { $0.label == "People affected" }
        var figures: [(label: String, value: String)] = [("people held somewhere different", count(affected))]
        if let b = hit?.before, let a = hit?.after {
            figures.append(("average miles from home for them, before → after", "\(Format.fixed(b.meanMiles, 0)) → \(Format.fixed(a.meanMiles, 0))"))
        }
        if let b = everyone?.before, let a = everyone?.after {
            figures.append(("of everyone held within 50 miles, before → after", "\(Format.percent(b.within50, 0)) → \(Format.percent(a.within50, 0))"))
        }
        doc.add(.keyFigures(figures))
    }

    /// Section 2: who is affected, with the breakdowns by characteristic.
    private func addWhoIsAffected(to doc: inout ReportDocument) {
        let d = disclosure
        doc.add(.heading(level: 2, text: "2. Who is affected"))
        doc.add(.paragraph("A person is affected if the best allocation of the changed estate holds them somewhere other than the best allocation of the estate as it is (or cannot place them). Both allocations use the same people and the same policy, so the difference is the effect of the change alone."))
        for c in changes where c.heldBefore > 0 || c.heldAfter > 0 {
            doc.add(.paragraph("\(c.name) [\(c.code)] would hold \(count(d.count(c.heldBefore))) people before the change and \(count(d.count(c.heldAfter))) after."))
        }
        addToday(to: &doc)
        doc.add(.heading(level: 3, text: "Who the change moves, by characteristic"))
        for b in breakdowns {
            doc.add(.table(.init(caption: "People affected \(b.title.prefix(1).lowercased() + b.title.dropFirst())",
                                 header: ["Group", "People", "Affected", "Share affected"],
                                 rows: b.rows.map { [$0.label, count($0.people), count($0.affected), share($0.shareAffected)] })))
        }
        doc.add(.note("Counts of 1 to \(d.threshold - 1) people are shown as \(d.mark). Where a total would reveal such a count, a second count is hidden too and shown as \(Disclosure.hiddenMark). No one in this report can be identified."))
    }

    /// Section 2, first part: where people are held today, and where the changed estate would hold them.
    private func addToday(to doc: inout ReportDocument) {
        doc.add(.heading(level: 3, text: "Where people are held today, and where they would go"))
        doc.add(.paragraph("Families know where their relative is held now. This part starts there: the people held today at each establishment that changes, and where the best allocation of the changed estate would hold them."))
        for site in today.sites {
            doc.add(.table(.init(
                caption: "\(site.name) [\(site.code)]: held there today \(count(site.heldToday)); held there after the change \(count(site.heldAfter))",
                header: ["Held there today, by sentence stage", "People"],
                rows: site.byStage.map { [$0.label, count($0.people)] })))
            if !site.destinations.isEmpty {
                doc.add(.table(.init(
                    caption: "Where the changed estate would hold the people held at \(site.name) today",
                    header: ["Establishment", "People"], rows: site.destinations.map { [$0.label, count($0.people)] },
                    note: "Average miles from home for these people, today → after the change: \(miles(site.milesToday)) → \(miles(site.milesAfter)); held within 50 miles: \(share(site.within50Today)) → \(share(site.within50After)).")))
            }
            if !site.origins.isEmpty {
                doc.add(.table(.init(
                    caption: "Where the people \(site.name) would hold after the change are held today",
                    header: ["Held today at", "People"], rows: site.origins.map { [$0.label, count($0.people)] })))
            }
        }
        doc.add(.table(.init(
            caption: "Three comparisons across the estate, and what each isolates",
            header: ["From", "To", "What it isolates", "People held somewhere different", "Their average miles from home", "Everyone within 50 miles"],
            rows: today.steps.map { s in
                [s.from, s.to, s.isolates, count(s.moved), "\(miles(s.movedMilesFrom)) → \(miles(s.movedMilesTo))",
                 "\(share(s.within50From)) → \(share(s.within50To))"]
            },
            numeric: [false, false, false, true, true, true],
            note: "The best allocations are what Homeward's model would choose. Where people are held today comes from the population file (for a synthetic population, from its generated placements).")))
    }

    /// Section 3: distance from home before and after, with the histogram, the map and the 50-mile chart.
    private func addProximity(to doc: inout ReportDocument) {
        let d = disclosure
        let everyone = proximity.first { $0.label == "Everyone" }
        doc.add(.heading(level: 2, text: "3. Proximity to family"))
        doc.add(.paragraph(distanceModel))
        doc.add(.table(.init(
            caption: "Distance from home, before → after (estimated road miles)",
            header: ["Group", "People", "Mean", "Median", "90th percentile", "Within 50 miles", "Within 100 miles", "In home region"],
            rows: proximity.map { p in
                [p.label, count(p.people),
                 "\(miles(p.before?.meanMiles)) → \(miles(p.after?.meanMiles))",
                 "\(miles(p.before?.medianMiles)) → \(miles(p.after?.medianMiles))",
                 "\(miles(p.before?.p90Miles)) → \(miles(p.after?.p90Miles))",
                 "\(share(p.before?.within50)) → \(share(p.after?.within50))",
                 "\(share(p.before?.within100)) → \(share(p.after?.within100))",
                 "\(share(p.before?.inHomeRegion)) → \(share(p.after?.inHomeRegion))"]
            },
            note: "– means the group is too small to publish. In kilometres: multiply miles by 1.609. Straight-line means (the Ministry of Justice's measure): everyone \(miles(everyone?.before?.meanStraightLineMiles)) → \(miles(everyone?.after?.meanStraightLineMiles)) miles.")))
        doc.add(.table(.init(caption: "People affected by distance from home",
                             header: ["", "Within 25 miles", "25 to 50", "50 to 100", "Over 100"],
                             rows: [["Before"] + bandsBefore.map(count), ["After"] + bandsAfter.map(count)])))
        if !affectedMilesBefore.isEmpty || !affectedMilesAfter.isEmpty {
            doc.add(.figure(svg: AssessmentCharts.histogram(self),
                            caption: "Distance from home of the people affected, before and after, in 10-mile bands (the last band: 200 miles or more). Bands with fewer than \(d.threshold) people are not drawn."))
        }
        doc.add(.figure(svg: AssessmentCharts.map(self),
                        caption: "Establishments in England and Wales and the moves the change causes (lines, thicker for more people). Moves of fewer than \(d.threshold) people between two establishments are not drawn\(flowsHidden > 0 ? " (\(count(d.count(flowsHidden))) people in all)" : ""). \(outlineAttribution)"))
        doc.add(.figure(svg: AssessmentCharts.within50(self),
                        caption: "Share held within 50 miles of home, by group, before and after."))
    }

    /// Section 4: statutory visits and the family travel they take.
    private func addVisits(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "4. Visits"))
        doc.add(.paragraph("A convicted prisoner is entitled to two visits in every four weeks (Prison Rules 1999, rule 35); governors may allow more. Families on low incomes can claim Help with Prison Visits, which pays 20p a mile for a car. Distance decides how often families can visit, and visits matter: the Farmer Review (2017) reports that the odds of reoffending are 39% lower for prisoners who receive family visits."))
        var visitRows: [[String]] = [
            ["Convicted people affected", count(visits.convictedAffected)],
            ["Change in family travel, miles a year", visits.familyMilesPerYearChange.map { signed($0, 0) } ?? "–"],
            ["Change in cost a year at 20p a mile (Help with Prison Visits)", visits.costChangeAssisted.map { signed($0, 0, unit: "£") } ?? "–"],
            ["Change in cost a year at 45p a mile (full cost of driving)", visits.costChangeFull.map { signed($0, 0, unit: "£") } ?? "–"],
            ["Round-trip travel per visit, hours, before → after",
             visits.visitHoursBefore.map { "\(Format.fixed($0, 1)) → \(Format.fixed(visits.visitHoursAfter!, 1))" } ?? "–"],
        ]
        visitRows += [
            ["People newly held more than 50 miles from home", count(visits.newlyBeyond50)],
            ["People brought within 50 miles", count(visits.broughtWithin50)],
            ["People newly held more than 100 miles from home", count(visits.newlyBeyond100)],
            ["People brought within 100 miles", count(visits.broughtWithin100)],
        ]
        doc.add(.table(.init(caption: "Family travel for the statutory visits of the people affected", header: ["", "Figure"], rows: visitRows,
                             note: "Positive changes mean more travel. Assumes every statutory visit is made by car as a round trip from the home area: an estimate of the burden, not a forecast of visits.")))
    }

    /// Section 5: the Family Test's five questions, each a reasoned judgement from its own evidence.
    private func addFamilyTest(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "5. The Family Test"))
        doc.add(.paragraph("The Government's Family Test asks five questions of any policy. It is a prompt for reasoned judgement, not a pass or fail test, so the answers are not added up. Each question is answered from the evidence in these data that fits it, and from no other question's evidence; the rule behind each rating is stated with it. Where the data hold nothing that fits, the answer is \"not assessable from these data\", with the data that would answer it. Section 9 explains the design."))
        for answer in familyTest {
            doc.add(.rating(question: "\(answer.number). \(answer.question)", rating: answer.rating.rawValue,
                            evidence: answer.evidence + " Rule: " + answer.rule, limits: "What these data cannot see: " + answer.limits))
        }
    }

    /// Section 6: people near release, and where programmes are offered.
    private func addSentenceStage(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "6. Sentence stage and interventions"))
        doc.add(.paragraph("Closeness to home matters most near release, when people rebuild family ties and find housing and work; the 2018 update to the Farmer Review prioritises it for men serving short sentences and in their resettlement period."))
        doc.add(.table(.init(caption: "People within a year of release", header: ["", "People"], rows: [
            ["Affected", count(nearReleaseAffected)],
            ["No longer held in their home region", count(nearReleaseLoseHomeRegion)],
            ["Newly held more than 50 miles from home", count(nearReleaseLoseWithin50)],
        ])))
        if !programmes.isEmpty {
            doc.add(.table(.init(
                caption: "Offending-behaviour programmes: where offered, and people whose first need is held where it is offered",
                header: ["Programme", "Establishments before", "Establishments after", "People needing it", "Held where offered, before", "After"],
                rows: programmes.map { p in
                    [p.name.replacingOccurrences(of: "_", with: " "), String(p.sitesBefore.count), String(p.sitesAfter.count),
                     count(p.people), count(p.metBefore), count(p.metAfter)]
                },
                note: "Places on each programme are not published, so this counts where programmes are offered, not free places.")))
        }
    }

    /// Section 7: the effect on the groups the Public Sector Equality Duty concerns.
    private func addEquality(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "7. Equality"))
        doc.add(.paragraph("The Public Sector Equality Duty (Equality Act 2010, s.149) requires due regard to the effect on people with protected characteristics, and the courts expect that regard to be documented (R (Hawke) v Secretary of State for Justice [2015] EWHC 3599 (Admin)). These are the groups the data can see. Disability, race other than nationality, religion, sexual orientation, gender reassignment, pregnancy and maternity, and marriage are not in the data and must be considered from other sources."))
        doc.add(.table(.init(
            caption: "Effect by group",
            header: ["Group", "Characteristic", "People", "Affected", "Mean change for those affected, miles", "Within 50 miles, before → after"],
            rows: equality.map { e in
                [e.group, e.characteristic, count(e.people), count(e.affected), e.meanChangeMilesAffected.map { signed($0, 1) } ?? "–",
                 "\(share(e.within50Before)) → \(share(e.within50After))"]
            },
            numeric: [false, false, true, true, true, true])))
    }

    /// Section 8: the mitigations the data point to.
    private func addMitigations(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "8. Mitigations the data point to"))
        doc.add(.table(.init(caption: "Mitigations", header: ["Mitigation", "Basis", "People", "What to do"],
                             rows: mitigations.map { [$0.title, $0.basis, count($0.people), $0.text] },
                             numeric: [false, false, true, false])))
        addPhasing(to: &doc)
    }

    /// Section 8, second part: how the change would happen, week by week.
    private func addPhasing(to doc: inout ReportDocument) {
        doc.add(.heading(level: 3, text: "How the change would happen"))
        guard let p = phasing else {
            doc.add(.paragraph("The changes are not dated, so no week-by-week simulation was run: the assessment compares the estate before and after only."))
            return
        }
        let codes = p.weeks.first?.held.map(\.code) ?? []
        var text = "A weekly simulation of the change's window, with the changes at their dates (a closure empties its establishment over \(p.runDownWeeks) weeks from its date and takes no one new meanwhile), beside the same weeks without the changes: the same people, arrivals and releases, so the difference in transfers is what the change causes"
        text += p.movesLimit.map { ", with at most \(Format.grouped($0)) transfers a week where the rules allow." } ?? ", with no weekly limit on transfers."
        text += " The simulation starts a week before the first week shown, in which the model moves people from where they are held today towards its best allocation, with or without the change; that week is left out."
        if let total = p.causedTotal { text += " Over these weeks the change causes \(signed(Double(total), 0)) transfers in all." }
        doc.add(.paragraph(text))
        doc.add(.table(.init(
            caption: "Week by week: people held at the establishments that change, and transfers",
            header: ["Week starting"] + codes.map { "Held at \($0)" } + ["Transfers", "Without the change", "Caused by the change",
                                                                          "Leaving, within a year of release", "Leaving, others", "Not placed"],
            rows: p.weeks.map { w in
                [Assessment.longDate(w.date)] + w.held.map { count($0.people) }
                    + [count(w.transfers), count(w.transfersWithout), w.caused.map { signed(Double($0), 0) } ?? "–",
                       count(w.leavingNearRelease), count(w.leavingOther), count(w.unplaced)]
            },
            note: "Leaving: people moved that week out of an establishment that changes. Moving those nearest release last (mitigation: let release come first) shows as few people within a year of release leaving in the early weeks. The model does not yet order moves by release date; it moves whoever costs least to move.")))
        doc.add(.figure(svg: Assessment.phasingChart(p), caption: "Transfers a week with the changes at their dates and without them."))
    }

    /// Section 9: method and reproducibility: the two runs, the inputs, the assumptions and the policy.
    private func addMethod(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "9. Method and reproducibility"))
        doc.add(.paragraph("Homeward \(version) allocated the same \(Format.grouped(people)) people twice, to the estate as it is and as changed, each time finding the allocation with the lowest total cost under the policy below (a minimum-cost network flow, solved to proven optimality: the dual objective equals the objective). Costs are in points, one point being one kilometre of family travel for a person whose sentence stage has weight 1."))
        if synthetic {
            doc.add(.note(Wording.syntheticNote))
        }
        doc.add(.table(.init(caption: "The two allocations", header: ["Run", "Solver", "Status", "Objective (points)", "Dual objective", "Establishments", "Places"],
                             rows: runs.map { [$0.label, $0.solver, $0.status, Format.fixed($0.objective, 2), $0.dualObjective.map { Format.fixed($0, 2) } ?? "–", String($0.establishments), Format.grouped($0.places)] },
                             numeric: [false, false, false, true, true, true, true])))
        doc.add(.table(.init(caption: "Inputs", header: ["Input", "File", "SHA-256"],
                             rows: inputs.map { [$0.role, $0.path, $0.sha256] }, numeric: [false, false, false])))
        if let draws {
            doc.add(.heading(level: 3, text: "How much the draw matters"))
            doc.add(.paragraph("The people are synthetic, so each run is one draw. The assessment was run on \(draws.seeds.count) populations drawn with different seeds (\(draws.seeds.map(String.init).joined(separator: ", "))); the central value is the first, the scenario's own seed, and the range is the lowest and highest over all the draws."))
            doc.add(.table(.init(caption: "Headline figures over \(draws.seeds.count) draws", header: ["Figure", "Central", "Lowest", "Highest"],
                                 rows: draws.figures.map { [$0.label, $0.central, $0.low, $0.high] })))
            doc.add(draws.ratingChanges.isEmpty ? .paragraph("No Family Test rating changes between draws.")
                                                : .bullets(draws.ratingChanges))
        }
        doc.add(.heading(level: 3, text: "The groups this report follows"))
        doc.add(.paragraph("Each group is defined once, here, and means the same people in every section and in the JSON file. Groups are defined by who people are, never by what the change does to them, except 'People affected'."))
        doc.add(.bullets(PersonGroup.all.map { "\($0.label): \($0.definition)" }))
        doc.add(.heading(level: 3, text: "How the Family Test is answered"))
        doc.add(.bullets([
            "One question, one piece of evidence: no figure about a group is used for two questions, so one finding is never counted more than once.",
            "Groups are chosen for who people are (age, sex, sentence stage, legal status, home nation) before any figure is looked at, never for what the change does to them; each figure is taken over the whole group, so people the change leaves where they are count as no change.",
            "Key transitions rest on home-region placement near release; family life (parenting and caring) on the travel for each group's visits entitlement, convicted and on remand separately; families most at risk on long-distance separation (more than 100 miles) of women, young adults and families in Wales.",
            "Family formation and couple separation are not recorded in these data, so they are not assessable here; each answer says what data would answer it.",
            "A rating is a judgement on a stated rule, with materiality thresholds of \(Assessment.materialPeople) people and \(Format.fixed(Assessment.materialHoursPerFamily, 1)) hours of family travel every four weeks for each family whose relative is held somewhere different.",
        ]))
        doc.add(.heading(level: 3, text: "Assumptions"))
        doc.add(.bullets(assumptions))
        doc.add(.heading(level: 3, text: "Policy"))
        doc.add(.preformatted(policyText))
    }

    /// Section 10: the parts only the decision-maker can write, each marked "to be completed" when absent.
    private func addDecision(to doc: inout ReportDocument) {
        doc.add(.heading(level: 2, text: "10. The decision and what follows"))
        doc.add(.paragraph("These parts can be written only by HMPPS or the governor taking the decision. A part the scenario does not give is marked \"\(Assessment.toBeCompleted)\", so that a published page is never silently incomplete."))
        for part in decisionParts {
            doc.add(.heading(level: 3, text: part.title))
            switch part.content {
            case let .text(text): doc.add(.paragraph(text))
            case let .list(items): doc.add(.bullets(items))
            case let .actions(actions):
                doc.add(.table(.init(caption: "Action plan", header: ["Action", "Owner", "Due"],
                                     rows: actions.map { [$0.action, $0.owner, $0.due.map(Assessment.longDate) ?? "–"] },
                                     numeric: [false, false, false])))
            case nil: doc.add(.note(Assessment.toBeCompleted))
            }
        }
    }

    // MARK: - Cells

    /// A count as published: "<5" if suppressed, "[c]" if hidden.
    private func count(_ c: Disclosure.Count) -> String { disclosure.text(c) }
    /// Miles with one decimal, or "–" where the figure is suppressed.
    private func miles(_ v: Double?) -> String { v.map { Format.fixed($0, 1) } ?? "–" }
    /// A percentage, or "–" where the figure is suppressed.
    private func share(_ v: Double?) -> String { v.map { Format.percent($0) } ?? "–" }

    /// A change with its sign and thousands separators: "+1,250", "−3.5", "0"; `unit` goes after the sign ("−£83,527").
    func signed(_ value: Double, _ decimals: Int, unit: String = "") -> String {
        Assessment.signed(value, decimals, unit: unit)
    }

    /// A change with its sign and thousands separators (``signed(_:_:unit:)``).
    static func signed(_ value: Double, _ decimals: Int, unit: String = "") -> String {
        let text = Assessment.grouped(abs(value), decimals)
        if text == Format.fixed(0, decimals) { return unit + text }
        return (value < 0 ? "−" : "+") + unit + text
    }

    /// `value` with `decimals` places and thousands separators.
    static func grouped(_ value: Double, _ decimals: Int) -> String {
        SVGChart.ValueFormat.grouped(value, decimals)
    }
}
