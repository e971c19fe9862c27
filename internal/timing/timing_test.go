package timing

import "testing"

func TestBestOf2RunsEach(t *testing.T) {
	na, nb := 0, 0
	ta, tb := BestOf2(3, func() { na++ }, func() { nb++ })
	if na != 3 || nb != 3 || ta < 0 || tb < 0 {
		t.Errorf("ran a %d and b %d times (%v, %v), want 3 each", na, nb, ta, tb)
	}
}
