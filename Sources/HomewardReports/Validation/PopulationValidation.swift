import HomewardCore

/// The synthetic population and its "as is" placement set against published
/// figures, each marked as fitted (the calibration was tuned to it) or held
/// out (never tuned to), so that a match on a held-out figure is evidence and
/// a match on a fitted one is not.
public struct PopulationValidation: Sendable {
    /// Whether the calibration was tuned to a figure.
    public enum Status: String, Sendable, CaseIterable {
        /// The calibration was tuned to this figure: a match proves little.
        case fitted
        /// Never used by the synthesiser: a match is evidence.
        case heldOut = "held out"
        /// Derived from a fitted figure and a held-out one.
        case partlyFitted = "partly fitted"
        /// Nothing published to compare with; shown for information.
        case noPublishedFigure = "no published figure"
    }

    /// One measure of the synthetic population against its published value.
    public struct Figure: Sendable, Equatable {
        public var id: String
        public var measure: String
        public var synthetic: Double
        public var published: Double?
        /// How values are written: a share (shown as a percentage), miles or people.
        public var unit: Unit
        /// The published figure as published, with its date.
        public var publishedText: String
        /// The source, with its tag in Estate/SOURCES.md.
        public var source: String
        public var status: Status
        /// Why it is fitted or held out.
        public var why: String
    }

    /// How a figure's values are written.
    public enum Unit: String, Sendable {
        case share, miles, people
    }

    /// One bulletin row: the synthetic count of its establishments against the published population.
    public struct EstablishmentRow: Sendable, Equatable {
        public var codes: [PrisonCode]
        public var name: String
        /// Synthetic people placed there "as is".
        public var synthetic: Int
        /// The synthetic count scaled to the published total.
        public var scaled: Double
        public var published: Int
        /// The calibration used this row's published population (so it is left out of the error).
        public var fitted: Bool
    }

    /// Establishments whose July 2026 population the calibration used: the two women's open prisons
    /// (`female_open`: 165 women, 85 at Askham Grange and 80 at East Sutton Park, S19).
    public static let fittedEstablishments: Set<PrisonCode> = [PrisonCode("AGI"), PrisonCode("ESI")]

    public var figures: [Figure]
    public var establishments: [EstablishmentRow]
    /// Mean absolute error, in people, of the scaled synthetic counts against the published ones.
    public var meanAbsoluteError: Double
    /// The same error as a share of the mean published population of a row.
    public var relativeError: Double
    /// The error of a baseline that knows only capacity: each row's operational capacity scaled to the
    /// published total. A placement that fills prisons to capacity can match the bulletin without
    /// reproducing anything else, so this is the error to beat.
    public var capacityBaselineError: Double
    public var synthetic: Bool
    public var people: Int

    /// The tags of the held-out published figures (none may appear in the calibration file).
    public static let heldOutTags = ["MPPB-2026-07-POP", "PQ-31829-WOMEN", "WGC-2018-ENG", "PQ-79296-CLOSED"]

    /// Remand population used to derive the share sentenced in reception prisons: 15,386 on
    /// 30 June 2026, the month-end nearest the bulletin (S2; the calibration uses S3's remand, not this).
    static let publishedRemand = 15_386.0

    /// Compares `population`'s "as is" placement with the published figures.
    /// - Parameters:
    ///   - population: the people, each with their current establishment.
    ///   - estate: the estate as it is.
    ///   - geography: home areas and their regions.
    ///   - distances: road and straight-line distances for `estate`.
    ///   - published: the monthly bulletin's populations, held out.
    ///   - synthetic: whether the population is synthetic.
    /// - Returns: the figures and the per-establishment comparison.
    public init(population: Population, estate: Estate, geography: Geography, distances: DistanceTable,
                published: [PublishedPopulation], synthetic: Bool) {
        let placed = population.prisoners.compactMap { p in
            p.current.flatMap { estate.index(of: $0) }.map { (person: p, at: $0) }
        }
        self.synthetic = synthetic
        people = population.count
        (establishments, meanAbsoluteError, relativeError) = Self.establishmentRows(placed.map(\.at), estate: estate,
                                                                                   published: published)
        capacityBaselineError = Self.capacityBaseline(estate: estate, published: published)
        var figures: [Figure] = []
        figures.append(Self.errorFigure(meanAbsoluteError, relativeError, rows: establishments))
        figures.append(Figure(
            id: "capacity_baseline_mae", measure: "The same error for a baseline that fills every establishment in proportion to its operational capacity",
            synthetic: capacityBaselineError, published: nil, unit: .people, publishedText: "—",
            source: "operational capacity (MPPB-2026-07) and MPPB-2026-07-POP", status: .noPublishedFigure,
            why: "The error to beat: the placement fills prisons near capacity, so matching the bulletin partly follows from capacity"))
        figures += Self.distanceFigures(placed, geography: geography, distances: distances)
        figures += Self.walesFigures(placed, estate: estate, geography: geography)
        figures += Self.categoryDFigures(population.prisoners, placed, estate: estate)
        figures.append(Self.receptionFigure(placed, estate: estate, published: published))
        self.figures = figures
    }

    // MARK: - Per establishment

    static func establishmentRows(_ at: [Int], estate: Estate, published: [PublishedPopulation])
        -> ([EstablishmentRow], Double, Double) {
        var counts = [Int](repeating: 0, count: estate.count)
        for e in at { counts[e] += 1 }
        let raw = published.map { row in row.codes.compactMap { estate.index(of: $0) }.map { counts[$0] }.reduce(0, +) }
        let syntheticTotal = raw.reduce(0, +)
        let publishedTotal = published.map(\.population).reduce(0, +)
        let factor = syntheticTotal > 0 ? Double(publishedTotal) / Double(syntheticTotal) : 0
        let rows = zip(published, raw).map { row, count in
            EstablishmentRow(codes: row.codes, name: row.name, synthetic: count, scaled: Double(count) * factor,
                             published: row.population, fitted: row.codes.contains(where: fittedEstablishments.contains))
        }
        let heldOut = rows.filter { !$0.fitted }
        let errors = heldOut.map { abs($0.scaled - Double($0.published)) }
        let mae = heldOut.isEmpty ? 0 : errors.reduce(0, +) / Double(heldOut.count)
        let meanPublished = heldOut.isEmpty ? 0 : Double(heldOut.map(\.published).reduce(0, +)) / Double(heldOut.count)
        return (rows, mae, meanPublished > 0 ? mae / meanPublished : 0)
    }

    static func capacityBaseline(estate: Estate, published: [PublishedPopulation]) -> Double {
        let rows = published.filter { !$0.codes.contains(where: fittedEstablishments.contains) }
        let capacity = published.map { row in
            row.codes.compactMap { estate.index(of: $0) }.map { estate.establishments[$0].operationalCapacity }.reduce(0, +)
        }
        let totalCapacity = capacity.reduce(0, +)
        guard totalCapacity > 0, !rows.isEmpty else { return 0 }
        let factor = Double(published.map(\.population).reduce(0, +)) / Double(totalCapacity)
        let errors = zip(published, capacity).filter { row, _ in !row.codes.contains(where: fittedEstablishments.contains) }
            .map { row, cap in abs(Double(cap) * factor - Double(row.population)) }
        return errors.reduce(0, +) / Double(errors.count)
    }

    static func errorFigure(_ mae: Double, _ relative: Double, rows: [EstablishmentRow]) -> Figure {
        Figure(id: "establishment_population_mae",
               measure: "Population of each establishment: mean absolute error of the synthetic count (scaled to the published total) against the published count",
               synthetic: mae, published: nil, unit: .people,
               publishedText: "\(Format.grouped(rows.map(\.published).reduce(0, +))) people in \(rows.count) bulletin rows, 27 July 2026 (error over the \(rows.filter { !$0.fitted }.count) held-out rows)",
               source: "MoJ monthly prison population bulletin, July 2026 (MPPB-2026-07-POP)", status: .heldOut,
               why: "Only the bulletin's operational capacities bound the placement; of its populations the calibration used only the two women's open prisons (female_open), which are left out of the error")
    }

    // MARK: - Distance

    static func distanceFigures(_ placed: [(person: Prisoner, at: Int)], geography: Geography,
                                distances: DistanceTable) -> [Figure] {
        func means(_ sex: Sex) -> (straight: Double, road: Double) {
            let mine = placed.filter { $0.person.sex == sex }
            guard !mine.isEmpty else { return (0, 0) }
            var straight = 0.0, road = 0.0
            for (person, at) in mine {
                let home = geography.index(of: person.home)!
                straight += distances.straight(home, at)
                road += distances.km(home, at)
            }
            let n = Double(mine.count) * DistanceTable.kmPerMile
            return (straight / n, road / n)
        }
        let men = means(.male), women = means(.female)
        let pq = "PQ 31829 (31 March 2022; straight-line, includes 15 to 17 year olds)"
        return [
            Figure(id: "straight_line_miles_men", measure: "Mean straight-line distance from home, men", synthetic: men.straight,
                   published: 45, unit: .miles, publishedText: "45 miles (31 March 2022)", source: pq,
                   status: .fitted, why: "The placement was tuned to the mean for everyone (45 miles); men are 96% of it"),
            Figure(id: "straight_line_miles_women", measure: "Mean straight-line distance from home, women", synthetic: women.straight,
                   published: 45, unit: .miles, publishedText: "45 miles (31 March 2022)", source: pq + " (PQ-31829-WOMEN)",
                   status: .heldOut, why: "The tuning used the mean for everyone, not the women's figure"),
            Figure(id: "road_miles_men", measure: "Mean road distance from home, men (modelled: straight line × circuity)",
                   synthetic: men.road, published: nil, unit: .miles, publishedText: "MoJ publishes straight-line miles only",
                   source: "—", status: .noPublishedFigure, why: "For reading beside the straight-line figure"),
            Figure(id: "road_miles_women", measure: "Mean road distance from home, women (modelled)",
                   synthetic: women.road, published: nil, unit: .miles, publishedText: "MoJ publishes straight-line miles only",
                   source: "—", status: .noPublishedFigure, why: "For reading beside the straight-line figure"),
        ]
    }

    // MARK: - Wales

    static func walesFigures(_ placed: [(person: Prisoner, at: Int)], estate: Estate, geography: Geography) -> [Figure] {
        func isWelshHome(_ p: Prisoner) -> Bool { geography.authority(p.home)?.region == "Wales" }
        let welshMen = placed.filter { $0.person.sex == .male && isWelshHome($0.person) }
        let inEngland = welshMen.filter { estate.establishments[$0.at].region != "Wales" }.count
        let inWales = placed.filter { estate.establishments[$0.at].region == "Wales" }
        let english = inWales.filter { !isWelshHome($0.person) }.count
        return [
            Figure(id: "welsh_men_held_in_england", measure: "Welsh men held in England (share of Welsh men)",
                   synthetic: share(inEngland, welshMen.count), published: 0.37, unit: .share,
                   publishedText: "37% of Welsh prisoners, 1,731 of 4,704 (2019; all Welsh prisoners, women included)",
                   source: "Wales Governance Centre via South Wales Argus, 2019 (S26)", status: .fitted,
                   why: "home_region_weight was tuned so that 36.7% of Welsh prisoners are held in England"),
            Figure(id: "english_in_welsh_prisons", measure: "People from England held in Welsh prisons (share of those held in Wales)",
                   synthetic: share(english, inWales.count), published: 0.25, unit: .share,
                   publishedText: "more than a quarter (31 March 2018)",
                   source: "Wales Governance Centre, Imprisonment in Wales: a factfile, 2018 (WGC-2018-ENG)", status: .heldOut,
                   why: "Never used by the synthesiser; the published figure is a lower bound from before Berwyn filled"),
        ]
    }

    // MARK: - Category D

    static func categoryDFigures(_ everyone: [Prisoner], _ placed: [(person: Prisoner, at: Int)], estate: Estate) -> [Figure] {
        let sentencedMen = everyone.filter { $0.sex == .male && $0.legalStatus == .sentenced }
        let d = sentencedMen.filter { $0.category == .d }.count
        let adultD = placed.filter { $0.person.sex == .male && $0.person.category == .d && $0.person.age >= 21 }
        let closed = adultD.filter { !estate.establishments[$0.at].isOpen }.count
        return [
            Figure(id: "category_d_share_of_sentenced_men", measure: "Category D, share of sentenced men",
                   synthetic: share(d, sentencedMen.count), published: 6_164.0 / 64_800.0, unit: .share,
                   publishedText: "about 9.5%: 6,164 adult Category D men (November 2022) of about 64,800 sentenced men (67,404 sentenced people on 30 November 2022 less about 2,600 women; the women's figure is an estimate); 9.1% of all 67,404",
                   source: "PQ 79296, 9 November 2022 (S16); S2", status: .fitted,
                   why: "The calibration's male_d share is set from these figures"),
            Figure(id: "category_d_in_closed_conditions", measure: "Adult Category D men held in closed conditions (share of adult Category D men)",
                   synthetic: share(closed, adultD.count), published: 1_433.0 / 6_164.0, unit: .share,
                   publishedText: "1,433 of 6,164 (23.25%), November 2022",
                   source: "PQ 79296, 9 November 2022 (PQ-79296-CLOSED)", status: .heldOut,
                   why: "The calibration uses the answer's total for the Category D share, never its split between open and closed"),
        ]
    }

    // MARK: - Reception prisons

    static func receptionFigure(_ placed: [(person: Prisoner, at: Int)], estate: Estate,
                                published: [PublishedPopulation]) -> Figure {
        let atReception = placed.filter { estate.establishments[$0.at].functions.contains(.reception) }
        let sentenced = atReception.filter { $0.person.legalStatus == .sentenced }.count
        let receptionRows = published.filter { row in
            row.codes.contains { estate.index(of: $0).map { estate.establishments[$0].functions.contains(.reception) } ?? false }
        }
        let held = Double(receptionRows.map(\.population).reduce(0, +))
        let derived = held > 0 ? max(0, 1 - publishedRemand / held) : nil
        return Figure(id: "sentenced_share_in_reception_prisons", measure: "Sentenced, share of the people held in reception prisons",
                      synthetic: share(sentenced, atReception.count), published: derived, unit: .share,
                      publishedText: "derived: 1 − 15,386 on remand (30 June 2026) ÷ \(Format.grouped(Int(held))) held in reception prisons (27 July 2026); assumes everyone on remand is held in a reception prison, so it is a lower bound",
                      source: "S2 (remand) and MPPB-2026-07-POP (populations)", status: .partlyFitted,
                      why: "The synthetic remand share is fitted to S3 (September 2025), so the remand side is in effect fitted; the populations of reception prisons are held out. No direct published figure was found")
    }

    static func share(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }
}
