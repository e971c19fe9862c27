package timing

import "testing"

func TestBestOf2RunsEach(t *testing.T) {
	na, nb := 0, 0
	ta, tb := BestOf2(3, func() { na++ }, func() { nb++ })
	if na != 3 || nb != 3 || ta < 0 || tb < 0 {
		t.Errorf("ran a %d and b %d times (%v, %v), want 3 each", na, nb, ta, tb)
	}
}

// TestDoublingRatio: a linear function passes; one with 4096 times the
// work on the larger input is over the bound after every try.
func TestDoublingRatio(t *testing.T) {
	work := func(n int) func() {
		return func() {
			s := 0
			for i := range n {
				s += i
			}
			sink = s
		}
	}
	tries := 0
	counted := func(f func()) func() { return func() { tries++; f() } }
	if _, _, r := DoublingRatio(5, 3, 3, counted(work(1<<20)), work(2<<20)); r > 3 || tries == 0 || tries%3 != 0 {
		t.Errorf("linear: ratio %.2f after %d runs, want ≤ 3 after whole tries of 3 runs", r, tries)
	}
	tries = 0
	t1, t2, r := DoublingRatio(2, 3, 3, counted(work(1<<10)), work(1<<10*(1<<10)*4))
	if r <= 3 || tries != 6 || t1 <= 0 || t2 <= t1 {
		t.Errorf("4096× the work: ratio %.2f after %d runs (%v, %v), want over 3 after both tries (6 runs)", r, tries, t1, t2)
	}
}

var sink int
