package record

import (
	"testing"
	"time"
)

func TestValues(t *testing.T) {
	at := time.Date(2020, 3, 1, 12, 0, 0, 0, time.FixedZone("", 3600))
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"OptString empty", OptString(""), nil},
		{"OptString", OptString("x"), "x"},
		{"OptTime nil", OptTime(nil), nil},
		{"OptTime", OptTime(&at), "2020-03-01T12:00:00+01:00"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if l := List(nil); l == nil || len(l) != 0 {
		t.Errorf("List(nil) = %#v, want an empty list", l)
	}
}
