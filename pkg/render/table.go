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
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// widthOptions is the one display-width measure of the tables: the
// fitting below measures with it (displayWidth), and tablewriter, which
// pads the fitted cells, measures with the same function (twwidth) set to
// the same options at init. East Asian width follows go-runewidth's
// condition (RUNEWIDTH_EASTASIAN or the locale), as the rest of render
// does, instead of twwidth's own detection.
var widthOptions = twwidth.Options{EastAsianWidth: runewidth.DefaultCondition.EastAsianWidth}

func init() {
	twwidth.SetOptions(widthOptions)
	// Every title is measured once or twice: twwidth's cache of recent
	// widths (an LRU under a lock) costs more than it saves on a long
	// table of distinct cells.
	twwidth.SetCacheCapacity(0)
}

// displayWidth is the number of terminal columns s takes, as tablewriter
// counts them (twwidth with widthOptions; colour codes count 0).
func displayWidth(s string) int { return twwidth.WidthWithOptions(s, widthOptions) }

// columnGap is the space between table columns.
const columnGap = 2

// gap is the space between table columns.
var gap = strings.Repeat(" ", columnGap)

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
		MatchStyle:    color.New(color.FgRed, color.Bold),
		TitleStyle:    color.New(color.Bold),
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
// o.Width (fitWidths), rendered by tablewriter in streaming mode: each
// row is written as it is appended, at the fixed widths of the fitting,
// with no wrapping, no formatting and no borders. Cells are cut to their
// column's width ("…") and coloured here, padded by tablewriter with
// blanks outside their colour; lines have no trailing blanks.
func writeTable[T any](w io.Writer, cols []Column[T], rows [][]string, o Options) error {
	return writeMarkedTable(w, cols, rows, nil, o)
}

// writeMarkedTable is writeTable with the marks of each row's cells
// (Column.Marks; nil for none) highlighted in colour.
func writeMarkedTable[T any](w io.Writer, cols []Column[T], rows [][]string, marks [][][]Span, o Options) error {
	if len(rows) == 0 {
		return nil
	}
	widths := fitWidths(cols, rows, o.Width)
	pal := palette(o.Color)
	head := color.New(color.Bold, color.Underline)
	setColor(head, o.Color)

	// The columns shown (fitWidths leaves some out), each one's offset on
	// the line for ids on lines of their own.
	var shown []int
	offsets := make([]int, len(cols))
	x := 0
	for i := range cols {
		if widths[i] > 0 {
			shown = append(shown, i)
			offsets[i] = x
			x += widths[i] + columnGap
		}
	}
	if len(shown) == 0 {
		return nil // fitWidths always keeps a column
	}
	out := &trimWriter{w: w}
	t := newStreamTable(out, cols, widths, shown)
	if err := t.Start(); err != nil {
		return err
	}
	header := make([]any, len(shown))
	for k, i := range shown {
		if h := truncate(heading(cols[i]), widths[i]); h != "" {
			header[k] = head.Sprint(h)
		} else {
			header[k] = "" // a bar's: no heading, no colour codes
		}
	}
	t.Header(header...)
	if out.err != nil {
		return out.err
	}
	// Each bar column's largest count, which fills its width.
	largest := make([]int64, len(cols))
	for i, c := range cols {
		if c.Bar && widths[i] > 0 {
			for _, r := range rows {
				largest[i] = max(largest[i], barCount(r[i]))
			}
		}
	}
	cells := make([]string, len(shown))
	match := color.New(color.Bold, color.FgRed)
	setColor(match, o.Color)
	for n, r := range rows {
		// An id wider than its column is never cut: it goes whole on a
		// line of its own above its row (see fitWidths).
		for _, i := range shown {
			if cols[i].ID && displayWidth(r[i]) > widths[i] {
				if err := writeLongID(out, r[i], offsets[i], o.Width, pal[cols[i].Style]); err != nil {
					return err
				}
				r[i] = ""
			}
		}
		for k, i := range shown {
			if cols[i].Bar {
				r[i] = Bar(barCount(r[i]), largest[i], widths[i])
			}
			var s string
			if cols[i].CutLeft {
				s = truncateLeft(r[i], widths[i])
			} else {
				s = truncate(r[i], widths[i])
			}
			if s != "" && cols[i].Style != Plain {
				s = pal[cols[i].Style].Sprint(s)
			} else if o.Color && n < len(marks) && marks[n] != nil && len(marks[n][i]) > 0 {
				s = highlight(r[i], s, marks[n][i], match)
			}
			cells[k] = s
		}
		if err := t.Append(cells); err != nil {
			return err
		}
		if out.err != nil {
			return out.err
		}
	}
	if err := t.Close(); err != nil {
		return err
	}
	return out.err
}

// newStreamTable returns a tablewriter table that streams the columns
// shown at their fitted widths: columnGap blanks between columns, cells
// aligned left or right, as given.
func newStreamTable[T any](w io.Writer, cols []Column[T], widths, shown []int) *tablewriter.Table {
	fixed := tw.NewMapper[int, int]()
	aligns := make([]tw.Align, len(shown))
	for k, i := range shown {
		fixed.Set(k, widths[i])
		aligns[k] = tw.AlignLeft
		if cols[i].Right {
			aligns[k] = tw.AlignRight
		}
	}
	cell := tw.CellConfig{
		Alignment: tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns},
		Padding:   tw.CellPadding{Global: tw.PaddingNone},
	}
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbolCustom("gap").WithColumn(gap),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off, ShowHeader: tw.Off, ShowFooter: tw.Off},
				Lines:      tw.LinesNone,
			},
			Streaming: true,
		})),
		tablewriter.WithConfig(tablewriter.Config{Header: cell, Row: cell}),
		// No wrapping (WrapNone is the zero value, which WithConfig does
		// not apply), no title-casing, no trimming: cells are printed as
		// fitted.
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoFormat(tw.Off),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithTrimTab(tw.Off),
		tablewriter.WithTrimLine(tw.Off),
		tablewriter.WithWidths(tw.CellWidth{PerColumn: fixed}),
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true, StrictColumns: true}),
	)
}

// trimWriter writes lines without their trailing blanks (tablewriter pads
// the last column to its width); it keeps the first write error.
type trimWriter struct {
	w    io.Writer
	line []byte
	err  error
}

func (t *trimWriter) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			t.line = append(t.line, p...)
			break
		}
		t.line = append(t.line, p[:i]...)
		p = p[i+1:]
		t.line = append(bytes.TrimRight(t.line, " "), '\n')
		if _, t.err = t.w.Write(t.line); t.err != nil {
			return 0, t.err
		}
		t.line = t.line[:0]
	}
	return n, nil
}

// writeLongID writes an id at its column's offset on a line of its own,
// broken (not cut) at the terminal width when it is wider still.
func writeLongID(w io.Writer, id string, offset, width int, style *color.Color) error {
	if width > 0 && offset+displayWidth(id) > width {
		offset = 0
	}
	for id != "" {
		part := id
		if width > 0 && offset+displayWidth(id) > width {
			part = twwidth.Truncate(id, max(width-offset, 1))
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

func heading[T any](c Column[T]) string {
	if c.Bar {
		return ""
	}
	return strings.ToUpper(cmp.Or(c.Heading, c.Name))
}

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
		widths[i] = displayWidth(heading(c))
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
			if cols[i].Bar {
				continue // drawn at the width fitted below
			}
			w := displayWidth(s)
			if width > 0 && cols[i].ID && w > idCap {
				continue
			}
			widths[i] = max(widths[i], w)
			hist[i].add(w)
		}
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
	// A bar takes what the other columns leave, within its bounds; it
	// gives up width first (ShrinkFirst) and is the first column left out.
	for i, c := range cols {
		if c.Bar {
			widths[i] = 0
		}
	}
	rest := width - total() - columnGap
	for i, c := range cols {
		if c.Bar {
			widths[i] = max(min(rest, maxBarWidth), minBarWidth)
			if width <= 0 {
				widths[i] = minBarWidth
			}
		}
	}
	if width <= 0 {
		return widths
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

// highlight colours the marks of a cell's text full in what the table
// shows of it, cut (truncate: a beginning of full, then "…").
func highlight(full, cut string, marks []Span, c *color.Color) string {
	kept, tail := len(cut), ""
	if cut != full {
		if p, ok := strings.CutSuffix(cut, "…"); ok && strings.HasPrefix(full, p) {
			kept, tail = len(p), "…"
		} else if !strings.HasPrefix(full, cut) {
			return cut
		}
	}
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start >= kept {
			break
		}
		end := min(m.End, kept)
		b.WriteString(full[at:m.Start])
		b.WriteString(c.Sprint(full[m.Start:end]))
		at = end
	}
	b.WriteString(full[at:kept])
	b.WriteString(tail)
	return b.String()
}

// truncate shortens s to at most w display columns, ending in "…".
func truncate(s string, w int) string {
	if displayWidth(s) <= w {
		return s
	}
	t := twwidth.Truncate(s, w, "…")
	if displayWidth(t) > w {
		// "…" is two columns wide in East Asian terminals.
		t = twwidth.Truncate(s, w)
	}
	return t
}

// truncateLeft shortens s to at most w display columns by cutting its
// start, "…" first.
func truncateLeft(s string, w int) string {
	if displayWidth(s) <= w {
		return s
	}
	ell := "…"
	if displayWidth(ell) > w {
		ell = ""
	}
	room := w - displayWidth(ell)
	i, used := len(s), 0
	for i > 0 {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		if used += displayWidth(s[i-size : i]); used > room {
			break
		}
		i -= size
	}
	return ell + s[i:]
}
