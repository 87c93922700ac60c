/// A calendar day, read from ISO `YYYY-MM-DD`. No clock, no time zone: dates of a
/// convention are days, and comparing them must not depend on where the build runs.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (a valid calendar day), nothing else.
    public init?(iso text: some StringProtocol) {
        // On the contiguous bytes: a copy into an Array was an allocation per date read.
        let ymd = String(text).withBytes { u -> (Int, Int, Int)? in
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
            func num(_ r: Range<Int>) -> Int? {
                var n = 0
                for i in r {
                    guard u[i] >= 48, u[i] <= 57 else { return nil }
                    n = n * 10 + Int(u[i] - 48)
                }
                return n
            }
            guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = ymd else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A day already known to be valid (computed from one): no check, no trap. Its year may
    /// leave 1...9999 (the day after 9999-12-31 is 10000-01-01, the day before 0001-01-01 is
    /// 0000-12-31): the arithmetic below stays total, whatever day it starts from.
    private init(computed year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1 January and 31 December of this day's year.
    public var firstOfYear: Day { Day(computed: year, 1, 1) }
    public var lastOfYear: Day { Day(computed: year, 12, 31) }

    /// 1 January 1970, where the clock starts (the build's day when the clock cannot be read).
    public static let epoch = Day(computed: 1970, 1, 1)

    /// The same day `n` years later (29 February becomes 28 February in a common year).
    /// Saturates at the ends of `Int` instead of trapping (callers add a handful of years).
    public func adding(years n: Int) -> Day {
        let (y, overflow) = year.addingReportingOverflow(n)
        let year = overflow ? (n < 0 ? Int.min : Int.max) : y
        return Day(computed: year, month, min(day, Day.daysIn(month: month, year: year)))
    }

    /// The day before.
    public var previous: Day {
        if day > 1 { return Day(computed: year, month, day - 1) }
        if month > 1 { return Day(computed: year, month - 1, Day.daysIn(month: month - 1, year: year)) }
        return Day(computed: year &- 1, 12, 31)
    }

    /// The day after.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(computed: year, month, day + 1) }
        if month < 12 { return Day(computed: year, month + 1, 1) }
        return Day(computed: year &+ 1, 1, 1)
    }

    /// Days since 0000-03-01 (proleptic Gregorian): for timelines and distances.
    /// Exact for every year a day read from a file can reach; wrapping (never trapping) far
    /// beyond, where no convention's date is.
    public var ordinal: Int {
        let y = month <= 2 ? year &- 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 &* y &+ y / 4 &- y / 100 &+ y / 400 &+ (153 * m + 2) / 5 &+ day &- 1
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// ISO form, `2014-01-15`.
    /// Written in place as ten ASCII bytes for a year of four digits: a String that small is
    /// stored inline, so an ISO date costs no allocation (open data writes thousands). Days
    /// past 9999 or before 0000 (date arithmetic is total) have their year's digits as they are.
    public var iso: String {
        guard (0...9999).contains(year) else {
            func pad(_ n: Int, _ w: Int) -> String {
                let s = String(n)
                return String(repeating: "0", count: max(0, w - s.count)) + s
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ n: Int, _ at: Int, _ width: Int) {
                var v = n
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    b[k] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, 0, 4)
            b[4] = UInt8(ascii: "-")
            put(month, 5, 2)
            b[7] = UInt8(ascii: "-")
            put(day, 8, 2)
            return 10
        }
    }

    public var description: String { iso }
}
