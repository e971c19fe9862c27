package urlnorm

import "testing"

// BenchmarkKey is Key on the plain URLs of a synthetic seed: main, AMP
// and AMP-cache addresses.
func BenchmarkKey(b *testing.B) {
	urls := []string{
		"https://www.politico.com/2019/04/not-into-have-facial-microsoft-deep-vaccine-with-korea-human-at-officials-after-are-94335",
		"https://www.politico.com/2019/04/not-into-have-facial-microsoft-deep-vaccine-with-korea-human-at-officials-after-are-94335/amp",
		"https://www-politico-com.cdn.ampproject.org/c/s/www.politico.com/2019/04/not-into-have-facial-microsoft-deep-vaccine-with-korea-human-at-officials-after-are-94335/amp",
		"https://example.com/a",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, u := range urls {
			_ = Key(u)
		}
	}
}
