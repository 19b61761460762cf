import PlusModel

/// The 2019 sample deliberation of the PlusXML helper (SampleData/deliberazioni/ripartizione-2019-semplice.xml,
/// DGR 20/9, fund 18,610,000.00, derogation 15,000.00 to LAN), copied as data: the allocation
/// convention here must agree with the one that generated it.
enum SampleDeliberation2019 {
    /// code, residents, equal share, population share, UdP share, derogation, total.
    static let rows: [(String, Int, String, String, String, String?, String)] = [
        ("OR", 75495, "268560.00", "463784.17", "76000.00", nil, "808344.17"),
        ("CAG", 215112, "268560.00", "1321485.40", "76000.00", nil, "1666045.40"),
        ("QUA", 136744, "268560.00", "840051.69", "76000.00", nil, "1184611.69"),
        ("MON", 68821, "268560.00", "422784.16", "76000.00", nil, "767344.16"),
        ("MAR", 42659, "268560.00", "262064.63", "76000.00", nil, "606624.63"),
        ("TER", 44877, "268560.00", "275690.34", "76000.00", nil, "620250.34"),
        ("ALG", 72427, "268560.00", "444936.70", "76000.00", nil, "789496.70"),
        ("CAS", 24886, "268560.00", "152880.76", "61000.00", nil, "482440.76"),
        ("LAM", 38612, "268560.00", "237202.92", "76000.00", nil, "581762.92"),
        ("OLB", 121936, "268560.00", "749082.54", "76000.00", nil, "1093642.54"),
        ("SAS", 181114, "268560.00", "1112627.41", "76000.00", nil, "1457187.41"),
        ("BUD", 39569, "268560.00", "243082.00", "76000.00", nil, "587642.00"),
        ("DOR", 35256, "268560.00", "216586.19", "76000.00", nil, "561146.19"),
        ("LAN", 29764, "268560.00", "182847.50", "61000.00", "15000.00", "527407.50"),
        ("NUO", 72270, "268560.00", "443972.21", "76000.00", nil, "788532.21"),
        ("SIN", 44197, "268560.00", "271512.94", "76000.00", nil, "616072.94"),
        ("TOR", 33678, "268560.00", "206892.16", "61000.00", nil, "536452.16"),
        ("CAR", 59106, "268560.00", "363102.55", "76000.00", nil, "707662.55"),
        ("DOL", 31281, "268560.00", "192166.80", "61000.00", nil, "521726.80"),
        ("IGL", 67982, "268560.00", "417629.98", "76000.00", nil, "762189.98"),
        ("MUR", 30260, "268560.00", "185894.55", "61000.00", nil, "515454.55"),
        ("SAN", 45570, "268560.00", "279947.61", "76000.00", nil, "624507.61"),
        ("SAO", 57458, "268560.00", "352978.49", "76000.00", nil, "697538.49"),
        ("USS", 23964, "268560.00", "147216.69", "61000.00", nil, "476776.69"),
        ("VIL", 46324, "268560.00", "284579.61", "76000.00", nil, "629139.61"),
    ]

    static var deliberation: Deliberation {
        Deliberation(
            number: "20/9", date: CivilDate(year: 2019, month: 5, day: 7)!, body: "Giunta Regionale della Sardegna",
            year: 2019, fundTotal: Fixtures.euros("18610000.00"),
            allocations: rows.enumerated().map { index, row in
                RegionalAllocation(
                    year: 2019, ambito: row.0, population: row.1, equalShare: Fixtures.euros(row.2),
                    populationShare: Fixtures.euros(row.3), udpShare: Fixtures.euros(row.4),
                    derogation: row.5.map(Fixtures.euros), total: Fixtures.euros(row.6),
                    provenance: Provenance(file: "ripartizione-2019-semplice.xml", sha256: "s", xpath: "/ripartizione/ambito[\(index + 1)]"))
            })
    }
}
