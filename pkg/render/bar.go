package render

import (
	"math"
	"strconv"
	"strings"
)

// Bars: a table column whose cells are counts drawn as horizontal bars of
// Unicode block elements, each scaled to the largest count of the table
// and as wide as the columns beside it leave (Column.Bar). A bar is a
// picture of a count, not data: it is drawn only on a table fitted to a
// width (a terminal, or COLUMNS set); TSV, CSV, JSON and a table written
// to a pipe without a width leave the column out, the count column
// carries the number. Bars are characters, not colour: with colour off
// (NO_COLOR, --no-color) they are drawn without it.

// The narrowest and widest a bar column gets: within those bounds it takes
// what the other columns leave of the width.
const (
	minBarWidth = 8
	maxBarWidth = 60
)

// eighths are the block elements one to eight eighths of a column wide.
var eighths = [...]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"}

// Bar draws n out of largest as a bar at most width columns wide, in
// eighths of a column, rounded to the nearest eighth: largest fills the
// width, 0 (or less) draws nothing, and any other count at least one
// eighth so that no count above zero looks like none. The bar has no
// trailing blanks. largest 0 or less, or width 0 or less, draws nothing.
func Bar(n, largest int64, width int) string {
	if n <= 0 || largest <= 0 || width <= 0 {
		return ""
	}
	units := width * 8
	e := units
	if n < largest {
		e = int(math.Round(float64(n) / float64(largest) * float64(units)))
		e = min(max(e, 1), units)
	}
	var b strings.Builder
	b.Grow((e/8 + 1) * len("█"))
	for range e / 8 {
		b.WriteString(eighths[8])
	}
	b.WriteString(eighths[e%8])
	return b.String()
}

// barCount reads a bar cell: the count as text. Anything else is 0.
func barCount(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// withoutBars returns the columns that are not bars (cols itself when
// none is).
func withoutBars[T any](cols []Column[T]) []Column[T] {
	for _, c := range cols {
		if c.Bar {
			out := make([]Column[T], 0, len(cols)-1)
			for _, c := range cols {
				if !c.Bar {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return cols
}

// BarColumn is a bar column drawing the count a record's value gives,
// showing field (the count's field): it shrinks first, to minBarWidth,
// and is the first column left out when the table does not fit.
func BarColumn[T any](field string, count func(T) int) Column[T] {
	return Column[T]{Name: "bar", Field: field, Value: func(v T) string { return strconv.Itoa(count(v)) },
		Style: CountStyle, Bar: true, Shrink: ShrinkFirst, MinWidth: minBarWidth, Drop: barDrop}
}

// barDrop is a bar column's Drop: above every other column's.
const barDrop = 100
