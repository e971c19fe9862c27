package enum

import (
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	c := color("red")
	v := NewValue(&c, "colour", colors).WithAliases(map[string]color{"verde": "green"})
	if v.String() != "red" || v.Type() != "colour" || v.Usage() != "{red|green}" {
		t.Errorf("String %q Type %q Usage %q", v.String(), v.Type(), v.Usage())
	}
	for in, want := range map[string]color{"GREEN": "green", "verde": "green", "Red": "red"} {
		if err := v.Set(in); err != nil || c != want {
			t.Errorf("Set(%q): %q, %v", in, c, err)
		}
	}
	c = "red" // the loop above ends on whichever value the map gave last
	if err := v.Set("blue"); err == nil || err.Error() != `invalid colour "blue": valid values are {red|green}` || c != "red" {
		t.Errorf("Set(blue): %v, value %q", err, c)
	}
	v.WithRefusal(func(s string) string {
		if s == "blue" {
			return "the sky is"
		}
		return ""
	})
	if err := v.Set("Blue"); err == nil || !strings.HasSuffix(err.Error(), "{red|green} (the sky is)") {
		t.Errorf("Set(Blue) with a refusal: %v", err)
	}
	if got := strings.Join(v.Completions(), ","); got != "red,green" {
		t.Errorf("Completions = %q", got)
	}
	if NewValue(&c, "--colour", colors).Type() != "colour" {
		t.Error("Type keeps the dashes")
	}
}

func TestSlice(t *testing.T) {
	var got []color
	s := NewSlice(&got, "--colour", colors)
	if s.String() != "" {
		t.Errorf("empty String = %q", s.String())
	}
	for _, in := range []string{"red", "GREEN", "red"} {
		if err := s.Set(in); err != nil {
			t.Fatal(err)
		}
	}
	if s.String() != "[red,green,red]" || len(got) != 3 {
		t.Errorf("got %q (%s)", got, s.String())
	}
	if err := s.Set("blue"); err == nil || len(got) != 3 {
		t.Errorf("Set(blue): %v, %q", err, got)
	}
	if strings.Join(s.Completions(), ",") != "red,green" {
		t.Error("Completions")
	}
}
