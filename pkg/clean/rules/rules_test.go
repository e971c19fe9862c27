package rules

import (
	"strings"
	"testing"
)

type ruleCase struct{ in, want string }

// ruleCases holds the test of each rule, by name: what it must change and
// what it must leave alone. TestEveryRuleIsTested keeps it complete.
var ruleCases = map[string][]ruleCase{
	"broken-entities": {
		{"Amazon & # 39; s security company", "Amazon's security company"},
		{"Ring & # 39; s cameras and their cameras & # 39; s", "Ring's cameras and their cameras's"},
		{"with a & # 39; neighborhood portal & # 39 ;.", "with a 'neighborhood portal'."},
		{"isn & #x27; t", "isn't"},
		{"isn &# 8217; t", "isn’t"},
		{"Tom & amp; Jerry", "Tom & Jerry"},
		{"a & quot;quote& quot ;", "a \"quote\""},
		{"tab&\t#\t39\t;s", "tab's"},
		// A quote opened on one line is not closed on the next.
		{"one &# 39; two\nthree & # 39 ; four", "one 'two\nthree 'four"},
		// Not broken: well formed (the next rule's), not an entity, a
		// control character, too many digits, a line break inside.
		{"Tom & Jerry; R & D", "Tom & Jerry; R & D"},
		{"& # 7;", "& # 7;"},
		{"& # 12345678;", "& # 12345678;"},
		{"& #\n39;", "& #\n39;"},
		{"& jerry;", "& jerry;"},
		{"& # ;", "& # ;"},
	},
	"html-entities": {
		{"Jos&#233; Manuel Barroso", "José Manuel Barroso"},
		{"America&#191;s", "America¿s"},
		{"don&#x27;t &#X27;", "don't '"},
		{"&quot;caf&eacute;&quot; &hellip;", "\"café\" …"},
		{"&amp;#39;n&amp;#39;", "'n'"},
		{"&amp;amp; &amp;quot;", "& \""},
		{"&#146;", "’"}, // Windows-1252, as browsers read it
		{"&frac12; &sup2;", "½ ²"},
		// Left as written: no ";", unknown names, control characters,
		// no character, a legacy prefix of a longer word.
		{"AT&T, S&P, P&O, Black & White", "AT&T, S&P, P&O, Black & White"},
		{"&amp", "&amp"},
		{"&nosuch; &notit;", "&nosuch; &notit;"},
		{"&#27;[31m &#0; &#x81;", "&#27;[31m &#0; &#x81;"},
		{"&#x9f;", "Ÿ"},
		{"&#99999999;", "&#99999999;"},
		{"&;", "&;"},
	},
	"invisible-characters": {
		{"a\u00a0b\u202fc\u2009d\u3000e", "a b c d e"},
		{"zero\u200bwidth\u2060joined\ufeff soft\u00adhyphen", "zerowidthjoined softhyphen"},
		{"one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour"},
		{"emoji\u200d and \u200c kept", "emoji\u200d and \u200c kept"},
	},
	"blank-runs": {
		{"a  b\t\tc \v d\fe", "a b c d e"},
		{"  lead\ntrail  \n \t \nmid", "lead\ntrail\n\nmid"},
		{"a\u00a0 \u00a0b", "a b"},
	},
	"skip-links": {
		{"Skip to main content\nText.", "Text."},
		{"SKIP TO CONTENT\nJump to navigation\nSkip to the comments\nText.", "Text."},
		{"Skip to the next chapter of the story, he said, and so they did.", "Skip to the next chapter of the story, he said, and so they did."},
	},
	"navigation": {
		{"Home | News | Sport | Weather\nText.", "Text."},
		{"Home › World › Europe\nToggle navigation\nSign in\nBack to top\nText.", "Text."},
		{"Menu\nSearch\nText.\nNext article", "Text."},
		{"Text.\nRevenue | Profit | Loss were all up, he said. Really.", "Text.\nRevenue | Profit | Loss were all up, he said. Really."},
		{"Home is where the heart is.", "Home is where the heart is."},
	},
	"share": {
		{"Share this story\nText.", "Text."},
		{"Share\nFacebook Twitter Email\nShare on WhatsApp\nCopy link\nText.", "Text."},
		{"Text.\nShare prices rose on Facebook news.", "Text.\nShare prices rose on Facebook news."},
	},
	"advertisement": {
		{"Text.\n- Advertisement -\nMore text.", "Text.\nMore text."},
		{"ADVERTISEMENT\n[Ad]\nStory continues below advertisement\nText.", "Text."},
		{"Advertisement spending rose 5% this year.", "Advertisement spending rose 5% this year."},
	},
	"cookies": {
		{"We use cookies to give you the best experience. By continuing you agree.\nAccept all cookies\nText.", "Text."},
		{"Cookie settings\nText.", "Text."},
		{"Text.\nThe cookies we use are baked daily.", "Text.\nThe cookies we use are baked daily."},
	},
	"newsletter": {
		{"Sign up for our newsletter and get the news first.\nSubscribe\nText.", "Text."},
		{"Subscribe to our daily briefing\nText.", "Text."},
		{"Text.\nSubscribers to the service rose.", "Text.\nSubscribers to the service rose."},
	},
	"photo-credits": {
		{"Photo by Dan Seifert / The Verge\nText.", "Text."},
		{"Image: Getty Images\nGetty Images\nText.", "Text."},
		{"Photo by photo, the exhibition walks visitors through forty years of the city's life and its people.", "Photo by photo, the exhibition walks visitors through forty years of the city's life and its people."},
	},
	"tag-lines": {
		{"Text.\n. (TagsToTranslate) Dailymail (t) sciencetech", "Text."},
		{"Text.\nTags: Amazon, Ring, police", "Text."},
		{"Text.\nTags: are what the children played in the yard, every day of the summer and long into the autumn evenings until the light went and their mothers called them home.", "Text.\nTags: are what the children played in the yard, every day of the summer and long into the autumn evenings until the light went and their mothers called them home."},
	},
	"doubled-lines": {
		{"Headline\n\nHeadline\n\n\nText.", "Headline\n\nText."},
		{"A\nA\nA\nB\nA", "A\nB\nA"},
	},
	"trailing-promo": {
		{"Text.\nRelated articles\nAmazon buys a drone maker\nNew doorbell announced", "Text."},
		{"Text.\n\nRead more: How Ring works with police", "Text."},
		{"Text.\nMore from The Verge\nA story\nAnother story", "Text."},
		{"Text, a paragraph.\nGet your daily dose of tech news, reviews, and insights, in under 80 characters on Gadgets 360 Turbo. Follow us on X, Facebook, WhatsApp for instant updates.\nNearby Super-Earth GJ 251 c Could Help Learn About Worlds That Once Supported Life, Astronomers Say\nJames Webb Telescope May Have Spotted First Generation of Stars in the Universe", "Text, a paragraph."},
		// A promo line followed by a paragraph is not at the end; one
		// further up than the tail looked at is not either.
		{"Text.\nRead more\nThe company said on Monday that it would keep working with more than two hundred police departments across the United States, despite the criticism.", "Text.\nRead more\nThe company said on Monday that it would keep working with more than two hundred police departments across the United States, despite the criticism."},
		{"Text.\nRelated\n" + strings.Repeat("a short line\nanother line\n", 6) + "end", "Text.\nRelated\n" + strings.Repeat("a short line\nanother line\n", 6) + "end"},
	},
	"blank-lines": {
		{"\n\nA\n\n\n\nB\n\n", "A\n\nB"},
		{"A\n\nSkip to main content\n\nB", "A\n\nB"},
	},
}

func TestEveryRuleIsTested(t *testing.T) {
	names := map[string]bool{}
	for _, r := range All {
		if names[r.Name] {
			t.Errorf("two rules named %q", r.Name)
		}
		names[r.Name] = true
		if r.Does == "" || r.In == "" {
			t.Errorf("%s: no description or example", r.Name)
		}
		if _, ok := ruleCases[r.Name]; !ok && r.Stage != Corpus {
			t.Errorf("%s: no test cases in ruleCases", r.Name)
		}
	}
	for name := range ruleCases {
		if !names[name] {
			t.Errorf("ruleCases has %q, which is no rule", name)
		}
	}
}

// TestRuleExamples checks the example each rule documents.
func TestRuleExamples(t *testing.T) {
	for _, r := range All {
		if r.Stage == Corpus {
			continue // package clean tests it
		}
		if got := Text(r.In); got != r.Out {
			t.Errorf("%s: Text(%q) = %q, the documented example says %q", r.Name, r.In, got, r.Out)
		}
	}
}

// TestRules runs each rule's cases: through the whole of Text, and, for
// the cases that change the text, with the rule left out, to show that
// it is that rule that makes the change.
func TestRules(t *testing.T) {
	for _, r := range All {
		for _, tc := range ruleCases[r.Name] {
			t.Run(r.Name, func(t *testing.T) {
				if got := Text(tc.in); got != tc.want {
					t.Errorf("Text(%q)\n got %q\nwant %q", tc.in, got, tc.want)
				}
				if tc.in == tc.want || r.Name == "blank-lines" {
					return
				}
				if without := withoutRule(r.Name, tc.in); without == tc.want {
					t.Errorf("without %s, Text(%q) is already %q: the case does not test the rule", r.Name, tc.in, without)
				}
			})
		}
	}
}

// withoutRule is Text with one rule left out.
func withoutRule(name, s string) string {
	saved, savedIndex := All, lineIndex
	defer func() { All, lineIndex = saved, savedIndex }()
	All = nil
	for _, r := range saved {
		if r.Name != name {
			All = append(All, r)
		}
	}
	lineIndex = buildIndex(All)
	return Text(s)
}

func TestDrops(t *testing.T) {
	for _, tc := range []struct {
		line, rule string
	}{
		{"Skip to main content", "skip-links"},
		{"  - Advertisement -  ", "advertisement"},
		{"Share\u00a0this  story", "share"},
		{"Accept cookies", "cookies"},
		{"Real headline", ""},
		{"", ""},
		{strings.Repeat("Advertisement ", 100), ""},
	} {
		rule, ok := Drops(tc.line)
		if rule != tc.rule || ok != (tc.rule != "") {
			t.Errorf("Drops(%q) = %q, %v; want %q", tc.line, rule, ok, tc.rule)
		}
	}
}

// TestTextIdempotent: cleaning a cleaned text changes nothing.
func TestTextIdempotent(t *testing.T) {
	for _, cases := range ruleCases {
		for _, tc := range cases {
			once := Text(tc.in)
			if twice := Text(once); twice != once {
				t.Errorf("Text(Text(%q)) = %q, not %q", tc.in, twice, once)
			}
		}
	}
}
