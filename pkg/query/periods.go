package query

import (
	"fmt"
	"slices"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// PeriodUnit is the length of the periods documents are counted in.
type PeriodUnit string

const (
	Day   PeriodUnit = "day"
	Week  PeriodUnit = "week" // ISO 8601: Monday to Sunday, 2020-W14
	Month PeriodUnit = "month"
	Year  PeriodUnit = "year"
)

// PeriodUnits lists the units, for flags and help.
var PeriodUnits = []PeriodUnit{Day, Week, Month, Year}

// MaxFilledPeriods is the most periods Periods lists when it fills the
// periods without documents between the first and the last: a wider range
// (a stray date centuries off) lists only the periods with documents.
const MaxFilledPeriods = 10000

// Period is a span of calendar days and the documents published in it.
// A document is in the period of its own calendar date, the one its DATE
// column shows and --since/--until compare (DayOf): 2020-03-31T23:30-07:00
// is in March, though it is April in UTC. Its output is PeriodFields'.
type Period struct {
	// Label names the period: 2020-03-13, 2020-W11, 2020-03 or 2020.
	Label string
	// First and Last are its first and last days (dates at midnight UTC).
	First, Last time.Time
	Count       int
}

// PeriodCounter counts documents per period, in memory that grows with
// the number of periods that have documents, never with the documents.
type PeriodCounter struct {
	unit    PeriodUnit
	counts  map[int64]int // the first day of a period (days since 1970): documents
	Undated int
}

// NewPeriodCounter returns an empty counter of periods of unit u.
func NewPeriodCounter(u PeriodUnit) *PeriodCounter {
	return &PeriodCounter{unit: u, counts: map[int64]int{}}
}

// Add counts one document; a document without a date counts as Undated.
func (c *PeriodCounter) Add(d *corpus.Document) {
	if d.PublishedAt == nil {
		c.Undated++
		return
	}
	y, m, day := d.PublishedAt.Date()
	c.counts[startOf(c.unit, y, m, day)]++
}

// epochDay is the number of days from 1970-01-01 to the date.
func epochDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func dateOf(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

// startOf is the first day of the period of unit u the date is in.
func startOf(u PeriodUnit, y int, m time.Month, d int) int64 {
	switch u {
	case Week:
		day := epochDay(y, m, d)
		// 1970-01-01 was a Thursday: (day+3) mod 7 is 0 on Mondays.
		return day - ((day+3)%7+7)%7
	case Month:
		return epochDay(y, m, 1)
	case Year:
		return epochDay(y, time.January, 1)
	}
	return epochDay(y, m, d)
}

// next is the first day of the period after the one starting on start.
func next(u PeriodUnit, start int64) int64 {
	t := dateOf(start)
	switch u {
	case Week:
		return start + 7
	case Month:
		return epochDay(t.Year(), t.Month()+1, 1)
	case Year:
		return epochDay(t.Year()+1, time.January, 1)
	}
	return start + 1
}

// period is the period of unit u starting on start.
func period(u PeriodUnit, start int64, n int) Period {
	first := dateOf(start)
	p := Period{First: first, Last: dateOf(next(u, start) - 1), Count: n}
	switch u {
	case Week:
		y, w := first.ISOWeek()
		p.Label = fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		p.Label = first.Format("2006-01")
	case Year:
		p.Label = first.Format("2006")
	default:
		p.Label = first.Format(time.DateOnly)
	}
	return p
}

// Len is the number of periods with documents so far.
func (c *PeriodCounter) Len() int { return len(c.counts) }

// Periods returns the periods in time order, from the first with
// documents to the last, those without documents between them with a
// count of 0, so that the counts draw attention over time as it was
// (filled true). When that range holds more than MaxFilledPeriods
// periods, only those with documents are listed (filled false).
func (c *PeriodCounter) Periods() (periods []Period, filled bool) {
	starts := make([]int64, 0, len(c.counts))
	for s := range c.counts {
		starts = append(starts, s)
	}
	slices.Sort(starts)
	if len(starts) == 0 {
		return []Period{}, true
	}
	first, last := starts[0], starts[len(starts)-1]
	if span := spanOf(c.unit, first, last); span <= MaxFilledPeriods {
		out := make([]Period, 0, span)
		for s := first; s <= last; s = next(c.unit, s) {
			out = append(out, period(c.unit, s, c.counts[s]))
		}
		return out, true
	}
	out := make([]Period, len(starts))
	for i, s := range starts {
		out[i] = period(c.unit, s, c.counts[s])
	}
	return out, false
}

// spanOf is the number of periods from the one starting on first to the
// one starting on last, both in.
func spanOf(u PeriodUnit, first, last int64) int64 {
	a, b := dateOf(first), dateOf(last)
	switch u {
	case Week:
		return (last-first)/7 + 1
	case Month:
		return int64(b.Year()-a.Year())*12 + int64(b.Month()-a.Month()) + 1
	case Year:
		return int64(b.Year()-a.Year()) + 1
	}
	return last - first + 1
}

// PeriodFields describes a period's count.
var PeriodFields = record.Table[Period]{
	{Info: record.Info{Name: "period", Kind: record.String, Doc: "the period: 2020-03-13 (day), 2020-W11 (ISO week, Monday to Sunday), 2020-03 (month) or 2020 (year)"}, Value: func(p Period) any { return p.Label }},
	{Info: record.Info{Name: "first", Kind: record.String, Doc: "its first day (yyyy-mm-dd), a --since value"}, Value: func(p Period) any { return p.First.Format(time.DateOnly) }},
	{Info: record.Info{Name: "last", Kind: record.String, Doc: "its last day (yyyy-mm-dd), an --until value"}, Value: func(p Period) any { return p.Last.Format(time.DateOnly) }},
	{Info: record.Info{Name: "count", Kind: record.Integer, Doc: "documents published in the period, each on its own calendar date (0: none)"}, Value: func(p Period) any { return p.Count }},
}
