package rules

import (
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/timing"
)

// hostile are inputs built to make a cleaning rule slow: each is made of n
// units, and doubling n must not much more than double the time.
var hostile = []struct {
	name string
	make func(n int) string
	n    int // units for the linear-time test; the benchmark uses 10n
}{
	{"one-line body", func(n int) string { return strings.Repeat("Ring & # 39; s word ", n/20) }, 1 << 20},
	{"short lines", func(n int) string { return strings.Repeat("Share\n", n) }, 100_000},
	{"distinct short lines", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("line ")
			b.WriteString(strings.Repeat("x", i%50))
			b.WriteByte('\n')
		}
		return b.String()
	}, 100_000},
	{"promo lines", func(n int) string { return strings.Repeat("Related articles\n", n) }, 100_000},
	{"entity fragments", func(n int) string { return strings.Repeat("& # 39", n) }, 100_000},
	{"double-encoded chain", func(n int) string { return "&" + strings.Repeat("amp;", n) + "#39" }, 100_000},
	{"ampersands", func(n int) string { return strings.Repeat("&amp;", n) }, 100_000},
	{"blank runs", func(n int) string { return "a" + strings.Repeat(" \t", n) + "b" }, 500_000},
	{"entity blanks", func(n int) string { return strings.Repeat("&"+strings.Repeat(" ", 50)+"#", n/50) }, 1 << 20},
	{"menu row", func(n int) string { return strings.Repeat("a | ", n) }, 250_000},
	{"invisible", func(n int) string { return strings.Repeat("a\u00a0\u200b\r\n", n) }, 100_000},
	{"long names", func(n int) string { return strings.Repeat("&"+strings.Repeat("a", 40), n/40) }, 1 << 20},
}

// TestTextLinearTime: doubling a hostile input must not come near
// quadrupling the time Text takes.
func TestTextLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, h := range hostile {
		small, large := h.make(h.n), h.make(2*h.n)
		clean := func(s string) func() { return func() { Text(s) } }
		t1, t2, ratio := timing.DoublingRatio(5, 5, 3, clean(small), clean(large))
		t.Logf("%s: n %v, 2n %v, ratio %.2f", h.name, t1, t2, ratio)
		if ratio > 3 {
			t.Errorf("%s: doubling the input took %.1f times as long (%v, %v): not linear", h.name, ratio, t1, t2)
		}
	}
}

// BenchmarkTextHostile cleans each hostile input at ten times the test's
// size: a 10 MB one-line body, a million short lines, a million entity
// fragments.
func BenchmarkTextHostile(b *testing.B) {
	for _, h := range hostile {
		s := h.make(10 * h.n)
		b.Run(h.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Text(s)
			}
		})
	}
}
