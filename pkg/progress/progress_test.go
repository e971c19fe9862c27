package progress

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock a test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// TestProgressOnlyOnTerminal (unit part): the line stays away during the
// first second, redraws at most every Interval, and is erased before a
// message and when stopped. The command-level part, in cmd, checks that no
// line is drawn on a pipe, with --quiet or in CI.
func TestProgressOnlyOnTerminal(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1000, 0)}
	var n atomic.Int64
	var w bytes.Buffer
	l := New(&w, "reading…", &n, clock.now)

	// Before Delay: nothing, however often it ticks.
	for range 9 {
		clock.advance(100 * time.Millisecond)
		n.Add(1000)
		l.Tick()
	}
	if w.Len() != 0 {
		t.Fatalf("drawn before %v: %q", Delay, w.String())
	}

	// At Delay: the first draw.
	clock.advance(100 * time.Millisecond)
	n.Add(1000)
	l.Tick()
	if got, want := w.String(), "\r\x1b[2Kreading… 10,000 files  10,000/s  1.0s"; got != want {
		t.Fatalf("first draw %q, want %q", got, want)
	}

	// Throttled: ticks closer than Interval draw nothing.
	w.Reset()
	for range 5 {
		clock.advance(10 * time.Millisecond)
		l.Tick()
	}
	if w.Len() != 0 {
		t.Fatalf("redrawn within %v: %q", Interval, w.String())
	}
	clock.advance(50 * time.Millisecond)
	l.Tick()
	if draws := strings.Count(w.String(), "\r\x1b[2K"); draws != 1 {
		t.Fatalf("%d redraws after %v, want 1: %q", draws, Interval, w.String())
	}

	// A message erases the line first, on a row of its own; the next
	// tick draws the line again below it.
	w.Reset()
	l.Write([]byte("seedscope: a.md: warning\n"))
	if got, want := w.String(), "\r\x1b[2Kseedscope: a.md: warning\n"; got != want {
		t.Fatalf("message written as %q, want %q", got, want)
	}
	w.Reset()
	clock.advance(time.Millisecond)
	l.Tick()
	if !strings.HasPrefix(w.String(), "\r\x1b[2Kreading… ") {
		t.Fatalf("not drawn again after a message: %q", w.String())
	}

	// Once the count stops growing, the rate is the rate it grew at; the
	// time goes on.
	w.Reset()
	n.Store(20000)
	clock.t = time.Unix(1002, 0)
	l.Tick()
	clock.advance(3 * time.Second)
	l.Tick()
	if got, want := w.String(), "\r\x1b[2Kreading… 20,000 files  10,000/s  2.0s\r\x1b[2Kreading… 20,000 files  10,000/s  5.0s"; got != want {
		t.Fatalf("after the count stopped: %q, want %q", got, want)
	}

	// Stop erases it for good.
	w.Reset()
	l.Stop()
	clock.advance(time.Second)
	l.Tick()
	l.Write([]byte("x\n"))
	if got, want := w.String(), "\r\x1b[2Kx\n"; got != want {
		t.Fatalf("after Stop: %q, want %q", got, want)
	}

	// A message with no line shown passes through untouched.
	var w2 bytes.Buffer
	l2 := New(&w2, "reading…", &n, clock.now)
	l2.Write([]byte("seedscope: m\n"))
	l2.Stop()
	if got := w2.String(); got != "seedscope: m\n" {
		t.Fatalf("no line shown: %q", got)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		n       int64
		elapsed time.Duration
		want    string
	}{
		{41203, 2240 * time.Millisecond, "reading… 41,203 files  18,394/s  2.2s"},
		{0, 0, "reading… 0 files  0.0s"},
		{1234567, 10 * time.Second, "reading… 1,234,567 files  123,456/s  10.0s"},
	}
	for _, tt := range tests {
		if got := Text("reading…", tt.n, tt.elapsed, tt.elapsed); got != tt.want {
			t.Errorf("Text(%d, %v) = %q, want %q", tt.n, tt.elapsed, got, tt.want)
		}
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 4003: "4,003", 100000: "100,000", 1234567: "1,234,567", -4003: "-4,003"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q, want %q", n, got, want)
		}
	}
}
