package enum

import "testing"

type color string

var colors = []color{"red", "green"}

func TestParse(t *testing.T) {
	if v, err := Parse("colour", "GREEN", colors); err != nil || v != "green" {
		t.Errorf("Parse(GREEN) = %q, %v", v, err)
	}
	_, err := Parse("colour", "blue", colors)
	if want := `invalid colour "blue": valid values are {red|green}`; err == nil || err.Error() != want {
		t.Errorf("Parse(blue) error = %v, want %s", err, want)
	}
	if got := Join(colors); got != "red|green" {
		t.Errorf("Join = %q", got)
	}
	if got := Names(colors); len(got) != 2 || got[1] != "green" {
		t.Errorf("Names = %q", got)
	}
}
