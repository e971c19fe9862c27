package render

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/mattn/go-runewidth"
)

// columnGap is the space between table columns.
const columnGap = 2

// gap is the space between table columns.
var gap = []byte(strings.Repeat(" ", columnGap))

// minFlexWidth is the narrowest a shortened column gets.
const minFlexWidth = 12

// readableWidth is how far a title shrinks before other columns give way
// (and before the columns that may be dropped are).
const readableWidth = 30

// idShare is the percentage of the terminal width an id column takes at
// most.
const idShare = 40

// comfortableWidth is how far a ShrinkSecond column (a provider) shrinks
// before titles do.
const comfortableWidth = 20

// palette returns the colour of each style, switched on or off explicitly:
// fatih/color's global default looks at the process's stdout, which may not
// be where this table goes.
func palette(on bool) map[Style]*color.Color {
	p := map[Style]*color.Color{
		Plain:         color.New(),
		IDStyle:       color.New(color.FgCyan),
		DateStyle:     color.New(color.FgGreen),
		ProviderStyle: color.New(color.FgMagenta),
		CountStyle:    color.New(color.FgYellow),
		DimStyle:      color.New(color.Faint),
	}
	for _, c := range p {
		setColor(c, on)
	}
	return p
}

func setColor(c *color.Color, on bool) {
	if on {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
}

// writeTable writes a header and rows in aligned columns fitted to
// o.Width (fitWidths): each cell cut to its column's display width
// ("…"), padded with blanks outside its colour, lines without trailing
// blanks.
func writeTable[T any](w io.Writer, cols []Column[T], rows [][]string, o Options) error {
	if len(rows) == 0 {
		return nil
	}
	widths := fitWidths(cols, rows, o.Width)
	pal := palette(o.Color)
	head := color.New(color.Bold, color.Underline)
	setColor(head, o.Color)

	offsets := make([]int, len(cols))
	x := 0
	for i := range cols {
		if widths[i] > 0 {
			offsets[i] = x
			x += widths[i] + columnGap
		}
	}

	var line []byte
	writeLine := func(cell func(i int) (string, *color.Color)) error {
		line = line[:0]
		first := true
		for i, c := range cols {
			if widths[i] == 0 {
				continue // dropped
			}
			if !first {
				line = append(line, gap...)
			}
			first = false
			text, style := cell(i)
			text = truncate(text, widths[i])
			pad := widths[i] - runewidth.StringWidth(text)
			if c.Right {
				line = appendBlanks(line, pad)
			}
			if text != "" && style != nil {
				text = style.Sprint(text)
			}
			line = append(line, text...)
			if !c.Right {
				line = appendBlanks(line, pad)
			}
		}
		line = append(bytes.TrimRight(line, " "), '\n')
		_, err := w.Write(line)
		return err
	}
	if err := writeLine(func(i int) (string, *color.Color) { return heading(cols[i]), head }); err != nil {
		return err
	}
	for _, r := range rows {
		// An id wider than its column is never cut: it goes whole on a
		// line of its own above its row (see fitWidths).
		for i, c := range cols {
			if c.ID && widths[i] > 0 && runewidth.StringWidth(r[i]) > widths[i] {
				if err := writeLongID(w, r[i], offsets[i], o.Width, pal[c.Style]); err != nil {
					return err
				}
				r[i] = ""
			}
		}
		if err := writeLine(func(i int) (string, *color.Color) {
			if cols[i].Style == Plain {
				return r[i], nil
			}
			return r[i], pal[cols[i].Style]
		}); err != nil {
			return err
		}
	}
	return nil
}

// writeLongID writes an id at its column's offset on a line of its own,
// broken (not cut) at the terminal width when it is wider still.
func writeLongID(w io.Writer, id string, offset, width int, style *color.Color) error {
	if width > 0 && offset+runewidth.StringWidth(id) > width {
		offset = 0
	}
	for id != "" {
		part := id
		if width > 0 && offset+runewidth.StringWidth(id) > width {
			part = runewidth.Truncate(id, max(width-offset, 1), "")
			if part == "" { // a character wider than the terminal
				_, size := utf8.DecodeRuneInString(id)
				part = id[:size]
			}
		}
		id = id[len(part):]
		line := appendBlanks(nil, offset)
		line = append(line, style.Sprint(part)...)
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
		offset = 0
	}
	return nil
}

func heading[T any](c Column[T]) string { return strings.ToUpper(cmp.Or(c.Heading, c.Name)) }

func appendBlanks(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

// fitWidths returns each column's display width, 0 for a column left
// out, so that a line (header included) is never wider than width (0: no
// limit, each column as wide as its widest cell or heading).
//
// When the narrowest widths do not fit (titles at a readable width, other
// shrinking columns at their minimum, fixed columns whole), the columns
// with the highest Drop are left out first. An id column is as wide as
// the ids up to idShare of the width: longer ids go on a line of their own
// (writeTable). Then the columns shrink in
// stages: ShrinkFirst ones to their minimum, ShrinkSecond ones to a
// comfortable width, titles (ShrinkLast) to a readable width, ShrinkSecond
// ones to their minimum, titles to theirs. Only when that is still too wide
// (the columns that stay are too many for the terminal) is every column
// cut, ids last.
func fitWidths[T any](cols []Column[T], rows [][]string, width int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = runewidth.StringWidth(heading(c))
	}
	// An id column on a terminal is as wide as the ids that fit in
	// idShare of it: a longer id (a slug unique only near its end) goes on
	// a line of its own rather than narrow every title.
	// Several id columns (the ends of a link) share that part.
	ids := 0
	for _, c := range cols {
		if c.ID {
			ids++
		}
	}
	idCap := max(width*idShare/100/max(ids, 1), minFlexWidth)
	hist := make([]widthHistogram, len(cols))
	for _, r := range rows {
		for i, s := range r {
			w := runewidth.StringWidth(s)
			if width > 0 && cols[i].ID && w > idCap {
				continue
			}
			widths[i] = max(widths[i], w)
			hist[i].add(w)
		}
	}
	if width <= 0 {
		return widths
	}
	total := func() int {
		t, n := 0, 0
		for _, w := range widths {
			if w > 0 {
				t += w
				n++
			}
		}
		return t + columnGap*max(n-1, 0)
	}
	minWidth := func(i int) int {
		c := cols[i]
		switch c.Shrink {
		case Fixed:
			return widths[i]
		case ShrinkLast:
			return min(widths[i], max(readableWidth, c.MinWidth))
		}
		return min(widths[i], cmp.Or(c.MinWidth, minFlexWidth))
	}

	// Leave out columns, most droppable first, while even the narrowest
	// widths are too wide.
	for {
		narrowest, n := 0, 0
		drop := -1
		for i, c := range cols {
			if widths[i] == 0 {
				continue
			}
			narrowest += minWidth(i)
			n++
			if c.Drop > 0 && (drop < 0 || c.Drop >= cols[drop].Drop) {
				drop = i
			}
		}
		if narrowest+columnGap*max(n-1, 0) <= width || drop < 0 {
			break
		}
		widths[drop] = 0
	}

	excess := total() - width
	shrink := func(i, floor int) {
		if excess <= 0 || widths[i] == 0 {
			return
		}
		w := max(min(floor, widths[i]), widths[i]-excess)
		excess -= widths[i] - w
		widths[i] = w
	}
	// A few long cells (a provider name that is a whole URL) do not claim
	// their width while other columns are cut: every shrinking column
	// first gives up what only its longest cells need, and what that
	// frees beyond the excess goes back, titles first.
	if excess > 0 {
		full := slices.Clone(widths)
		for i, c := range cols {
			if c.Shrink != Fixed && widths[i] > 0 {
				widths[i] = max(hist[i].quantile(commonShare), min(widths[i], cmp.Or(c.MinWidth, minFlexWidth)))
			}
		}
		excess = total() - width
		for _, order := range []Shrink{ShrinkLast, ShrinkSecond, ShrinkFirst} {
			for i, c := range cols {
				if c.Shrink == order && excess < 0 {
					grow := min(full[i]-widths[i], -excess)
					widths[i] += grow
					excess += grow
				}
			}
		}
	}
	stages := []struct {
		order Shrink
		floor int
	}{{ShrinkFirst, 0}, {ShrinkSecond, comfortableWidth}, {ShrinkLast, readableWidth}, {ShrinkSecond, 0}, {ShrinkLast, 0}}
	for _, st := range stages {
		for i, c := range cols {
			if c.Shrink == st.order {
				shrink(i, max(st.floor, cmp.Or(c.MinWidth, minFlexWidth)))
			}
		}
	}
	// Still too wide: the columns that stay do not fit at their minimum.
	// Cut the others down to one column each, then leave them out from the
	// right; only then cut ids, and leave them out.
	kept := func() int {
		n := 0
		for _, w := range widths {
			if w > 0 {
				n++
			}
		}
		return n
	}
	for _, ids := range []bool{false, true} {
		for i := len(cols) - 1; i >= 0; i-- {
			if cols[i].ID == ids {
				shrink(i, 1)
			}
		}
		for i := len(cols) - 1; i >= 0 && excess > 0; i-- {
			if cols[i].ID == ids && widths[i] > 0 && kept() > 1 {
				excess -= widths[i] + columnGap
				widths[i] = 0
			}
		}
	}
	for i := range widths {
		if excess > 0 && widths[i] > 0 {
			widths[i] = max(1, widths[i]-excess)
			excess = 0
		}
	}
	return widths
}

// commonShare is the share of a column's cells (in percent) whose width
// the column keeps before other columns are cut.
const commonShare = 95

// widthHistogram counts cells by display width, the widest ones together.
type widthHistogram struct {
	n      int
	counts [maxCounted + 1]int
}

// maxCounted is the widest width counted apart; wider cells count as it.
const maxCounted = 255

func (h *widthHistogram) add(w int) {
	h.counts[min(w, maxCounted)]++
	h.n++
}

// quantile is the least width at least pct percent of the cells fit in.
func (h *widthHistogram) quantile(pct int) int {
	need := (h.n*pct + 99) / 100
	seen := 0
	for w, c := range h.counts {
		if seen += c; seen >= need {
			return w
		}
	}
	return maxCounted
}

// truncate shortens s to at most w display columns, ending in "…".
func truncate(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	t := runewidth.Truncate(s, w, "…")
	if runewidth.StringWidth(t) > w {
		// "…" is two columns wide in East Asian terminals.
		t = runewidth.Truncate(s, w, "")
	}
	return t
}
