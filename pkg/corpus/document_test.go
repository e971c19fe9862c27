package corpus

import (
	"testing"
	"time"
)

func TestComparePublished(t *testing.T) {
	early, late := time.Unix(0, 0), time.Unix(60, 0)
	for _, c := range []struct {
		a, b *time.Time
		want int
	}{
		{nil, nil, 0}, {nil, &early, 1}, {&early, nil, -1},
		{&early, &late, -1}, {&late, &early, 1}, {&early, &early, 0},
	} {
		if got := ComparePublished(c.a, c.b); got != c.want {
			t.Errorf("ComparePublished(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
