package swar

import "testing"

// TestMasks checks every test on every byte value in every lane, among
// neighbours that pass and neighbours that do not: a mask must be 0
// exactly when no byte passes, and First must find the first that does.
func TestMasks(t *testing.T) {
	tests := []struct {
		name string
		mask func(w uint64) uint64
		pass func(b byte) bool
	}{
		{"Equal('\"')", func(w uint64) uint64 { return Equal(w, '"') }, func(b byte) bool { return b == '"' }},
		{"Equal(0)", func(w uint64) uint64 { return Equal(w, 0) }, func(b byte) bool { return b == 0 }},
		{"Equal(0xFF)", func(w uint64) uint64 { return Equal(w, 0xFF) }, func(b byte) bool { return b == 0xFF }},
		{"Below(0x20)", func(w uint64) uint64 { return Below(w, 0x20) }, func(b byte) bool { return b < 0x20 }},
		{"Below(0x80)", func(w uint64) uint64 { return Below(w, 0x80) }, func(b byte) bool { return b < 0x80 }},
		{"NotASCII", NotASCII, func(b byte) bool { return b >= 0x80 }},
		{"Unprintable", Unprintable, func(b byte) bool { return b >= 0x7F || b < 0x20 }},
	}
	fills := []byte{'a', 0, ' ', '"', 0x7F, 0x80, 0xFF}
	for _, tt := range tests {
		for _, fill := range fills {
			for lane := range 8 {
				for c := range 256 {
					var b [8]byte
					for i := range b {
						b[i] = fill
					}
					b[lane] = byte(c)
					first := 8
					for i := len(b) - 1; i >= 0; i-- {
						if tt.pass(b[i]) {
							first = i
						}
					}
					mask := tt.mask(Load(string(b[:])))
					if got, want := Any(mask), first < 8; got != want {
						t.Fatalf("%s of % x: %v, want %v", tt.name, b, got, want)
					}
					if got := First(mask); got != first {
						t.Fatalf("First(%s of % x) = %d, want %d", tt.name, b, got, first)
					}
				}
			}
		}
	}
}

func TestLoad(t *testing.T) {
	if got := Load("\x01\x02\x03\x04\x05\x06\x07\x08tail"); got != 0x0807060504030201 {
		t.Errorf("Load = %#x", got)
	}
}

// Unprintable's marks are exact in every byte, not only up to the first.
func TestUnprintableEveryByte(t *testing.T) {
	for lane := range 8 {
		for c := range 256 {
			for _, fill := range []byte{'a', 0, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF} {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[lane] = byte(c)
				var want uint64
				for i, x := range b {
					if x < 0x20 || x >= 0x7F {
						want |= 0x80 << (8 * i)
					}
				}
				if got := Unprintable(Load(string(b[:]))) & Highs; got != want {
					t.Fatalf("Unprintable(% x) = %#x, want %#x", b, got, want)
				}
			}
		}
	}
}
