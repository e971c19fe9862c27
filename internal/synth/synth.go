// Package synth generates synthetic seed corpora for benchmarks and
// tests. A corpus is a pure function of its size and seed: file i is the
// same bytes whoever generates it, in whatever order.
//
// About 80% of the files are seed documents with YAML front matter (both
// URL key variants, 0–5 related items, images, realistic topics and
// providers); the rest are plain-text articles scraped with their web
// chrome (boilerplate lines, broken entities such as "& # 39;").
// Related items often point at other documents of the same corpus, so
// link resolution has work to do.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Sizes are the named corpus sizes the benchmarks use.
var Sizes = map[string]int{"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}

// PerFolder is the most files a generated folder holds.
const PerFolder = 10_000

// TextShare is the share of plain-text files, in percent.
const TextShare = 20

// Name returns the path of file i relative to the corpus root:
// "NNN/NNNNNN_<16 hex>.txt", with at most PerFolder files per folder.
func Name(i int, seed uint64) string {
	r := rng(seed, i, 0)
	return fmt.Sprintf("%03d/%06d_%016x.txt", i/PerFolder, i, r.Uint64())
}

// File returns the content of file i of an n-file corpus.
func File(i, n int, seed uint64) []byte {
	r := rng(seed, i, 1)
	var b strings.Builder
	b.Grow(4096)
	if r.IntN(100) < TextShare {
		plainText(&b, r, i, seed)
	} else {
		frontMatter(&b, r, i, n, seed)
	}
	return []byte(b.String())
}

// FlatName is Name without its folder: file i of a corpus held in one
// folder.
func FlatName(i int, seed uint64) string {
	return path.Base(Name(i, seed))
}

// Write generates an n-file corpus under dir, using workers goroutines.
func Write(dir string, n int, seed uint64, workers int) error {
	for f := 0; f*PerFolder < n; f++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%03d", f)), 0o755); err != nil {
			return err
		}
	}
	return write(dir, n, seed, workers, Name)
}

// WriteFlat generates the corpus Write does with every file in dir itself
// (FlatName): the shape of a scraper's output folder.
func WriteFlat(dir string, n int, seed uint64, workers int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return write(dir, n, seed, workers, FlatName)
}

func write(dir string, n int, seed uint64, workers int, name func(int, uint64) string) error {
	workers = max(workers, 1)
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			for i := w; i < n; i += workers {
				if err := os.WriteFile(filepath.Join(dir, name(i, seed)), File(i, n, seed), 0o644); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// rng gives the random stream number stream of file i.
func rng(seed uint64, i, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x9E3779B97F4A7C15, uint64(i)<<8|uint64(stream)))
}

type provider struct{ name, domain string }

var providers = []provider{
	{"Wired", "wired.com"}, {"Mail Online", "dailymail.co.uk"}, {"The Verge", "theverge.com"},
	{"Reuters", "reuters.com"}, {"BBC News", "bbc.co.uk"}, {"The Guardian", "theguardian.com"},
	{"TechCrunch", "techcrunch.com"}, {"Forbes", "forbes.com"}, {"CNET", "cnet.com"},
	{"Politico", "politico.com"}, {"VentureBeat", "venturebeat.com"}, {"ZDNet", "zdnet.com"},
	{"Ars Technica", "arstechnica.com"}, {"MIT Technology Review", "technologyreview.com"},
	{"The New York Times", "nytimes.com"}, {"Bloomberg", "bloomberg.com"}, {"CNBC", "cnbc.com"},
	{"Engadget", "engadget.com"}, {"Biometric Update", "biometricupdate.com"}, {"AUS&R", "i-hls.com"},
	{"Smart Insights", "smartinsights.com"}, {"Business Insider", "businessinsider.com"},
	{"The Hindu", "thehindu.com"}, {"NDTV Gadgets 360", "gadgets360.com"}, {"Al Jazeera", "aljazeera.com"},
	{"Le Monde", "lemonde.fr"}, {"Der Spiegel", "spiegel.de"}, {"El País", "elpais.com"},
	{"Nikkei Asia", "asia.nikkei.com"}, {"Healthline", "healthline.com"},
}

var topics = []string{
	"AI", "AWS AI", "Machine Learning", "Deep Learning", "Computer Vision", "Robotics",
	"Natural Language Processing", "Facial Recognition", "Autonomous Vehicles", "Ethics",
	"Healthcare", "Coronavirus", "New Cases", "Vaccines", "Google AI", "Microsoft AI",
	"IBM Watson", "Chatbots", "Privacy", "Surveillance", "Startups", "Funding", "Research",
	"Quantum Computing", "Edge Computing", "Cloud", "Cybersecurity", "Policy", "Education", "Jobs",
}

var words = strings.Fields(`the of and to in a is that for on with as by it at from this be are was
an has have will its which or their more new can not but been also about than they other into after
said would how what data company technology system research police law enforcement amazon google
microsoft facebook apple cameras recognition facial software products users privacy security
model models learning machine artificial intelligence neural network deep training language
public government report reports study market customers services platform cloud computing
researchers scientists engineers developers startup funding billion million percent year years
week month today people world country countries city cities health hospital patients virus cases
vaccine doctors experts officials according statement spokesperson announced launched released
million-dollar open-source real-time self-driving cars robots chips devices phones apps video
images voice speech text search results accuracy bias ethics rules regulation europe china india
africa america britain france germany japan korea could should might must first second last large
small major global local digital online mobile smart remote human automated autonomous`)

var boilerplate = []string{
	"Skip to main content", "Advertisement", "Share this story", "Share this article",
	"Sign in", "Subscribe", "Menu", "Toggle navigation", "Accept cookies", "- Advertisement -",
}

func sentence(b *strings.Builder, r *rand.Rand, n int) {
	for k := range n {
		w := words[r.IntN(len(words))]
		if k == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if k > 0 && k < n-1 && r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
}

func title(r *rand.Rand) string {
	var b strings.Builder
	sentence(&b, r, 6+r.IntN(9))
	s := b.String()
	switch r.IntN(10) {
	case 0:
		s += "'s plan"
	case 1:
		s = "Amazon’s " + s
	case 2:
		s += ": what it means"
	}
	return s
}

func excerpt(r *rand.Rand) string {
	var b strings.Builder
	for k := 0; b.Len() < 250+r.IntN(100); k++ {
		if k > 0 {
			b.WriteString(". ")
		}
		sentence(&b, r, 8+r.IntN(12))
	}
	b.WriteString(" ...")
	return b.String()
}

// quote writes s as a double-quoted YAML scalar.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// docURLs gives document j's three URLs, so that any file can link to it.
func docURLs(j int, seed uint64) (web, amp, cdn string, p provider) {
	r := rng(seed, j, 2)
	p = providers[r.IntN(len(providers))]
	slug := strings.ReplaceAll(strings.ToLower(title(r)), " ", "-")
	slug = strings.NewReplacer(",", "", "'", "", "’", "", ":", "").Replace(slug)
	web = fmt.Sprintf("https://www.%s/%d/%02d/%s-%d", p.domain, 2019+j%3, 1+j%12, slug, j)
	amp = web + "/amp"
	cdn = "https://www-" + strings.ReplaceAll(p.domain, ".", "-") + ".cdn.ampproject.org/c/s/www." +
		strings.TrimPrefix(amp, "https://www.")
	return web, amp, cdn, p
}

func published(r *rand.Rand) string {
	t := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(3*365*24*60)) * time.Minute)
	if r.IntN(4) == 0 {
		return t.In(time.FixedZone("", -7*3600)).Format(time.RFC3339)
	}
	return t.Format(time.RFC3339)
}

func image(b *strings.Builder, r *rand.Rand, indent string, withTitle string) {
	fmt.Fprintf(b, "%s- url: https://media.example-cdn.com/photos/%016x/master/pass/%d.jpg\n", indent, r.Uint64(), r.IntN(1e6))
	fmt.Fprintf(b, "%s  width: %d\n%s  height: %d\n", indent, 300+r.IntN(2000), indent, 200+r.IntN(1500))
	if withTitle != "" {
		fmt.Fprintf(b, "%s  title: %s\n", indent, quote(withTitle))
	}
}

func frontMatter(b *strings.Builder, r *rand.Rand, i, n int, seed uint64) {
	web, amp, cdn, p := docURLs(i, seed)
	t := title(rng(seed, i, 2)) // the title the slug came from
	keys := [3]string{"webUrl", "ampWebUrl", "cdnAmpWebUrl"}
	if r.IntN(2) == 0 {
		keys = [3]string{"sourceUrl", "ampUrl", "cdnAmpUrl"}
	}
	b.WriteString("---\ncategory: news\n")
	fmt.Fprintf(b, "title: %s\nexcerpt: %s\npublishedDateTime: %s\n", quote(t), quote(excerpt(r)), published(r))
	fmt.Fprintf(b, "%s: %s\n", keys[0], web)
	if r.IntN(3) > 0 {
		fmt.Fprintf(b, "%s: %s\n%s: %s\n", keys[1], amp, keys[2], cdn)
	}
	b.WriteString("type: article\n")
	if r.IntN(5) > 0 {
		fmt.Fprintf(b, "quality: %d\n", r.IntN(100))
	}
	fmt.Fprintf(b, "heat: %d\n", r.IntN(200)-1)
	if r.IntN(4) > 0 {
		fmt.Fprintf(b, "published: %t\n", r.IntN(5) > 0)
	}
	if r.IntN(4) == 0 {
		b.WriteString("locale: en-us\n")
	}
	fmt.Fprintf(b, "\nprovider:\n  name: %s\n  domain: %s\n", p.name, p.domain)
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "  images:\n    - url: /assets/images/organizations/%s-50x50.jpg\n      width: 50\n      height: 50\n", p.domain)
	}
	b.WriteString("\ntopics:\n")
	for _, k := range r.Perm(len(topics))[:1+r.IntN(3)] {
		fmt.Fprintf(b, "  - %s\n", topics[k])
	}
	if k := r.IntN(3); k > 0 {
		b.WriteString("\nimages:\n")
		for range k {
			image(b, r, "  ", t)
		}
	}
	if k := r.IntN(6); k > 0 {
		b.WriteString("\nrelated:\n")
		for range k {
			related(b, r, n, seed, keys)
		}
	}
	secured := make([]byte, 300+r.IntN(300))
	for k := range secured {
		secured[k] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[r.IntN(64)]
	}
	fmt.Fprintf(b, "\nsecured: %s\n---\n", quote(string(secured)+"==;"+strconv.Itoa(r.IntN(1e9))))
	if r.IntN(10) == 0 {
		b.WriteByte('\n')
		paragraphs(b, r, 1+r.IntN(3))
	}
}

// related writes one related item: most point at another document of the
// corpus (sometimes by a different URL variant), the rest outside it.
func related(b *strings.Builder, r *rand.Rand, n int, seed uint64, keys [3]string) {
	j := r.IntN(n)
	web, amp, cdn, p := docURLs(j, seed)
	t := title(rng(seed, j, 2))
	if r.IntN(4) == 0 {
		web = fmt.Sprintf("https://www.%s/elsewhere/%016x", p.domain, r.Uint64())
		t = title(r)
	}
	fmt.Fprintf(b, "  - title: %s\n    excerpt: %s\n    publishedDateTime: %s\n", quote(t), quote(excerpt(r)), published(r))
	switch r.IntN(4) {
	case 0:
		fmt.Fprintf(b, "    %s: %s\n", keys[1], amp)
	case 1:
		fmt.Fprintf(b, "    %s: %s\n    %s: %s\n    %s: %s\n", keys[0], web, keys[1], amp, keys[2], cdn)
	default:
		fmt.Fprintf(b, "    %s: %s\n", keys[0], web)
	}
	fmt.Fprintf(b, "    type: article\n    provider:\n      name: %s\n      domain: %s\n", p.name, p.domain)
	fmt.Fprintf(b, "    quality: %d\n", r.IntN(100))
	if r.IntN(2) == 0 {
		b.WriteString("    images:\n")
		image(b, r, "      ", "")
	}
}

func paragraphs(b *strings.Builder, r *rand.Rand, k int) {
	for p := range k {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for s := range 3 + r.IntN(5) {
			if s > 0 {
				b.WriteByte(' ')
			}
			sentence(b, r, 8+r.IntN(20))
			if r.IntN(8) == 0 {
				b.WriteString(" & # 39; s")
			}
			b.WriteByte('.')
		}
	}
	b.WriteByte('\n')
}

func plainText(b *strings.Builder, r *rand.Rand, i int, seed uint64) {
	for range r.IntN(3) {
		b.WriteString(boilerplate[r.IntN(len(boilerplate))])
		b.WriteString("\n\n")
	}
	b.WriteString(title(rng(seed, i, 2)))
	b.WriteString("\n\n")
	if r.IntN(2) == 0 {
		b.WriteString("Share this story\n\n")
	}
	paragraphs(b, r, 4+r.IntN(8))
	if r.IntN(3) == 0 {
		b.WriteString("- Advertisement -")
	}
}
