// Package progress draws a one-line progress report on a terminal:
//
//	reading… 41,203 files  18,400/s  2.2s
//
// The work being measured only adds to an atomic counter; a Line reads
// it on each Tick (a ticker goroutine, or a test with a fake clock), draws
// nothing during the first Delay, and redraws at most once per Interval
// with "\r" and erase-line. Messages written through the Line erase it
// first, so a warning never shares a row with it; Stop erases it for good,
// before the command's output starts. The package knows nothing of when a
// terminal is there: its caller (iostreams) decides.
package progress

import (
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// Delay is how long a run goes silent before the line appears: a
	// command that finishes sooner shows none.
	Delay = time.Second
	// Interval is the shortest time between two redraws (10 a second).
	Interval = 100 * time.Millisecond
)

// eraseLine moves to the start of the row and clears it.
const eraseLine = "\r\x1b[2K"

// Line is a progress line on w. Its methods are safe to call from several
// goroutines.
type Line struct {
	mu    sync.Mutex
	w     io.Writer
	now   func() time.Time
	count *atomic.Int64
	label string
	start time.Time
	last  time.Time // when the line was last drawn
	// seen is the count at the last draw, and moved when it last grew:
	// the rate is over the time the count grew, not the time since (a
	// command that has read everything and sorts shows the read rate).
	seen    int64
	moved   time.Time
	delay   time.Duration
	shown   bool // the line is on the screen
	stopped bool
	buf     []byte
}

// New returns a line about count, labelled label (e.g. "reading…"),
// drawn on w, whose clock is now. Nothing is drawn until Tick is called.
func New(w io.Writer, label string, count *atomic.Int64, now func() time.Time) *Line {
	return &Line{w: w, now: now, count: count, label: label, start: now(), delay: Delay}
}

// SetDelay changes Delay for this line (0: draw on the first Tick).
func (l *Line) SetDelay(d time.Duration) {
	l.mu.Lock()
	l.delay = d
	l.mu.Unlock()
}

// Run calls Tick every Interval until Stop is called. It is meant to run
// in its own goroutine: go l.Run().
func (l *Line) Run(stop <-chan struct{}) {
	t := time.NewTicker(Interval)
	defer t.Stop()
	l.Tick()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			l.Tick()
		}
	}
}

// Tick redraws the line if it is due: Delay after the start, and
// Interval after the last redraw.
func (l *Line) Tick() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return
	}
	now := l.now()
	elapsed := now.Sub(l.start)
	if elapsed < l.delay || (l.shown && now.Sub(l.last) < Interval) {
		return
	}
	l.last = now
	l.shown = true
	n := l.count.Load()
	if n != l.seen || l.moved.IsZero() {
		l.seen, l.moved = n, now
	}
	l.buf = append(l.buf[:0], eraseLine...)
	l.buf = append(l.buf, Text(l.label, n, elapsed, l.moved.Sub(l.start))...)
	l.w.Write(l.buf)
}

// Text is the line's text: label, count, rate (the count over growing,
// the time it took to reach it) and elapsed time.
func Text(label string, n int64, elapsed, growing time.Duration) string {
	s := label + " " + Group(n) + " files"
	if secs := growing.Seconds(); secs > 0 {
		s += "  " + Group(int64(float64(n)/secs)) + "/s"
	}
	return s + "  " + strconv.FormatFloat(elapsed.Seconds(), 'f', 1, 64) + "s"
}

// Group writes n in decimal with commas between thousands: 41,203.
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// clear erases the line if it is shown; l.mu is held.
func (l *Line) clear() {
	if l.shown {
		l.w.Write([]byte(eraseLine))
		l.shown = false
	}
}

// Stop erases the line and draws it no more.
func (l *Line) Stop() {
	l.mu.Lock()
	l.clear()
	l.stopped = true
	l.mu.Unlock()
}

// Write erases the line, then writes p to the line's writer: a message
// goes out on a row of its own, and the line comes back below it on the
// next Tick.
func (l *Line) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clear()
	return l.w.Write(p)
}
