package render

import (
	"bytes"
	"cmp"
	"io"
	"regexp"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// columnGap is the space between table columns.
const columnGap = 2

// minFlexWidth is the narrowest a shortened column gets.
const minFlexWidth = 12

// readableWidth is how far a title shrinks before other columns give way.
const readableWidth = 30

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

func writeTable[T any](w io.Writer, cols []Column[T], rows [][]string, o Options) error {
	if len(rows) == 0 {
		return nil
	}
	widths := fitWidths(cols, rows, o.Width)
	pal := palette(o.Color)
	head := color.New(color.Bold, color.Underline)
	setColor(head, o.Color)

	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.SeparatorsNone,
				Lines:      tw.LinesNone,
			},
		})),
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns(cols)},
				Padding:    tw.CellPadding{Global: tw.Padding{Right: strings.Repeat(" ", columnGap), Overwrite: true}, PerColumn: lastPad(len(cols))},
			},
			Row: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns(cols)},
				Padding:    tw.CellPadding{Global: tw.Padding{Right: strings.Repeat(" ", columnGap), Overwrite: true}, PerColumn: lastPad(len(cols))},
			},
		}),
		tablewriter.WithTrimSpace(tw.Off),
	)
	h := make([]any, len(cols))
	for i, c := range cols {
		h[i] = head.Sprint(strings.ToUpper(cmp.Or(c.Heading, c.Name)))
	}
	t.Header(h...)
	for _, r := range rows {
		cells := make([]any, len(r))
		for i, s := range r {
			s = truncate(s, widths[i])
			if s != "" && cols[i].Style != Plain {
				s = pal[cols[i].Style].Sprint(s)
			}
			cells[i] = s
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

// writeTrimmed drops the blanks tablewriter pads the last column with (on
// a terminal narrower than the table they would wrap into empty lines) and
// keeps colour within its line: tablewriter ends a coloured last cell after
// the line break, so the reset moves back before it.
func writeTrimmed(w io.Writer, table []byte) error {
	for line := range bytes.Lines(table) {
		line = bytes.TrimRight(line, "\n")
		for {
			m := leadingReset.Find(line)
			if m == nil {
				break
			}
			line = line[len(m):]
		}
		line = bytes.TrimRight(line, " ")
		if bytes.IndexByte(line, 0x1b) >= 0 && !bytes.HasSuffix(line, []byte(ansiReset)) {
			line = append(line, ansiReset...)
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
	}
	return nil
}

const ansiReset = "\x1b[0m"

// leadingReset matches an SGR sequence that only resets attributes.
var leadingReset = regexp.MustCompile(`^\x1b\[(?:0|39|49|22|24)?m`)

func aligns[T any](cols []Column[T]) []tw.Align {
	a := make([]tw.Align, len(cols))
	for i, c := range cols {
		a[i] = tw.AlignLeft
		if c.Right {
			a[i] = tw.AlignRight
		}
	}
	return a
}

// lastPad drops the gap after the last column, so lines have no trailing
// blanks.
func lastPad(n int) []tw.Padding {
	p := make([]tw.Padding, n)
	for i := range p {
		p[i] = tw.Padding{Right: strings.Repeat(" ", columnGap), Overwrite: true}
	}
	p[n-1] = tw.PaddingNone
	return p
}

// fitWidths returns each column's width: its widest cell, with shrinkable
// columns shortened, in order, so a row fits the terminal (width 0: no
// limit). A table of fixed columns wider than the terminal stays wide.
func fitWidths[T any](cols []Column[T], rows [][]string, width int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = runewidth.StringWidth(c.Name)
	}
	for _, r := range rows {
		for i, s := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(s))
		}
	}
	if width <= 0 {
		return widths
	}
	total := columnGap * (len(cols) - 1)
	for _, w := range widths {
		total += w
	}
	// Titles give up width down to a readable length before ids do, and
	// only then down to their minimum.
	stages := []struct {
		order Shrink
		floor int
	}{{ShrinkFirst, 0}, {ShrinkLast, readableWidth}, {ShrinkLastResort, 0}, {ShrinkLast, 0}}
	for _, st := range stages {
		for i, c := range cols {
			if c.Shrink != st.order || total <= width {
				continue
			}
			floor := max(st.floor, cmp.Or(c.MinWidth, minFlexWidth))
			w := max(min(floor, widths[i]), widths[i]-(total-width))
			total -= widths[i] - w
			widths[i] = w
		}
	}
	return widths
}

// truncate shortens s to at most w display columns, ending in "…".
func truncate(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	return runewidth.Truncate(s, w, "…")
}
