package cmd

// findingsBefore pins what validate -f json printed for each corpus before
// the per-file checks became a hook of the loader (one parse per file):
// the number of findings and the SHA-256 of the output. Shared corpora are
// named relative to the shared corpora folder, the others relative to the
// repository. allRules runs with --enable unknown-field (the one rule off
// by default) as well. Only hashes and counts are kept here, never the data.
// The suppression cases and the whole testdata/validate were recorded when
// those cases were added, by the two-parse checker of that time (the
// one-parse checker gives the same bytes on them).
var findingsBefore = []struct {
	where    corpusPlace
	path     string
	allRules bool
	count    int
	sha256   string
}{
	{shared, "bbc-text", false, 2095, "4890f512a5aadff708d23119d5473dc5e92dee4b9594a80eff02979f5a9bc923"},
	{shared, "bing-covid-news", false, 767, "3880e58cabd4fc68a4c15bc3d6e47f512cc28a584f35a28482cf41620f41565a"},
	{shared, "hugo-docs", false, 4015, "a18760225d49677450680972f5fcc4b2d29875f7af1a5e7343e83e9d5a88c03e"},
	{shared, "insideout-ai-posts", false, 4453, "9f0d54d91fa44628193e254bd08508f3f14bda4a114fa2c41b09c627a9cfe915"},
	// Since recorded: the alias bombs (alias-bomb.md, alias-self.md, and
	// alias-bomb-fields.md, added), refused by the loader, no longer get
	// required-field, wrong-type and unknown-field findings as well; the
	// other findings are those of the two-parse checker.
	{inRepo, "testdata/hostile", false, 1162, "8bd22c9e315cc8add75a6ebf16bb706ca99ca2fcee60b22a470fe595c5b3bdc8"},
	{inRepo, "seeds", false, 6, "f60b57ca171063898d41f02b973fdecb608f5a542251d2ff05a97fe0652dc57e"},
	{inRepo, "testdata/validate/cases/amp-host-mismatch", false, 3, "5b57239000851da2f470df5aa402b012415a330c2648199c03731d583fa54add"},
	{inRepo, "testdata/validate/cases/broken-entity", false, 33, "9c334ec874990df916ec91229407f0e38d94b33aae7a1f7d050a7402ac5e5fac"},
	{inRepo, "testdata/validate/cases/date-format", false, 4, "67b393a4cf5f6a428468c6278c8a84009f2fa3321b14622cd79851cefa8b880e"},
	{inRepo, "testdata/validate/cases/date-invalid", false, 6, "60035334cbc4089097475d601fb0f6ff873facc2c6679e62ca717e159d7b3fd7"},
	{inRepo, "testdata/validate/cases/duplicate-id", false, 3, "92192f8549c6866b4576dd2ee561ece653955e7b0f5f77cee68822bb52cd27f7"},
	{inRepo, "testdata/validate/cases/duplicate-key", false, 5, "63d090ae311d0a4e0acdba8fc18b0b19cf23fbedc4313c724cad1662b903e6dd"},
	{inRepo, "testdata/validate/cases/duplicate-url", false, 4, "a90c0f9fd3725158154e74a84bc4ed20a421f033993ccddc31a044a237007722"},
	{inRepo, "testdata/validate/cases/empty-file", false, 4, "dee69ffec5b05ec46878018656724087baa3c0fd6b042ef39cbb075a33c0aad5"},
	{inRepo, "testdata/validate/cases/file-name", false, 2, "e4c91ce6989274973be0eb1595e56e8c702a0f7fd84af5cee01900c360446125"},
	{inRepo, "testdata/validate/cases/image-size", false, 4, "068b8d86a1629fc551b7234d2181bdf2aff2ba19aae8b6d1207cc888e1c12cc7"},
	{inRepo, "testdata/validate/cases/load-error", false, 2, "9083e212edf4023939e1778af9dd74dfdbfb3bb08d0931928c156da1555c1929"},
	{inRepo, "testdata/validate/cases/not-a-mapping", false, 4, "1f652ed83579acb59cfdce10429d58eb1be142169f394aacb416bdd658d3cd3c"},
	{inRepo, "testdata/validate/cases/number-type", false, 5, "676772290a701e1f39ccc223cab32834a08a013285933866476ae7e6979618ef"},
	{inRepo, "testdata/validate/cases/related-incomplete", false, 4, "3db7d65d68d2c1c38ce836c6aa52e83c044c121ac20ad5bcf2198459490ca006"},
	{inRepo, "testdata/validate/cases/required-field", false, 15, "f66b3344ad806ba6f60fc799fad24ec25bb31d949458f2c65e6ab051ca285eb5"},
	{inRepo, "testdata/validate/cases/self-link", false, 2, "a6ab4134758edd171244f3b978009fee02a739783979e6d80be18ef38ef8f2fa"},
	{inRepo, "testdata/validate/cases/text-binary", false, 2, "3ca5105cb3677bf8c347df1b30920481d4e002a898686e19159f988a634525a7"},
	{inRepo, "testdata/validate/cases/text-no-title", false, 2, "ef003fb34d699abbfebb326fd3fe5f9197e26b67d9b3ee847513a58eade77e29"},
	{inRepo, "testdata/validate/cases/text-utf8", false, 2, "ed9ff0ac7e26e31eee54f7fb42cf19dfa0477439dc0aa0e5d5117b63444a9195"},
	{inRepo, "testdata/validate/cases/topic-duplicate", false, 3, "2956a2256ac2bb9bc3a50bba108e69f0e0a550462d14e771a7b2a8aae5745588"},
	{inRepo, "testdata/validate/cases/topic-empty", false, 4, "b44d52ac3375d32bf3f506c510693e2f0ad964cf0477411a3af29c4051da6445"},
	{inRepo, "testdata/validate/cases/unknown-field", false, 3, "ca7be15e2d368b4e023cd297e21aed1119b5f196c8a6416e970b596692cd3bcc"},
	{inRepo, "testdata/validate/cases/unterminated-front-matter", false, 2, "ab7b20068eb21519f341ef969dfefc72e3684460227cd5618fe94d5cd9d723ca"},
	{inRepo, "testdata/validate/cases/url-absolute", false, 5, "bf75513028792ac0daab17d16dd9751a7ce9e0341966610b97300b068c3e2a35"},
	{inRepo, "testdata/validate/cases/url-variant-mixed", false, 2, "c7ec7906d6dbf6d7be38d448b96b2dd1a85c350cc3726cf185e39f2d1febbba2"},
	{inRepo, "testdata/validate/cases/valid", false, 2, "8f22ca5a395dbaf6196aa72c0ad169a16434dd0a5bdb77375ffcc1eca71d0c24"},
	{inRepo, "testdata/validate/cases/wrong-type", false, 11, "edae4e1bee80d1d16eb196a324cd1fc6213231ba3352de4e5fd35fa65455e5b6"},
	{inRepo, "testdata/validate/cases/yaml-syntax", false, 4, "3d3669c1b341b018b005038456ff2819e7f3739942f8e0efb86b50ec95b1b1ad"},
	{inRepo, "testdata/validate/cases/invalid-suppression", false, 8, "971e15c63f4f1c76f908a1845b5a92eb3dcce7e4c37ed7ab7883694d056312fc"},
	{inRepo, "testdata/validate/cases/unused-suppression", false, 8, "afbb6500e61fef8a57b34e89a3d42f9982a1f8521a51fa3ea03ec2d7a39ed19d"},
	{inRepo, "testdata/validate", false, 162, "d0c497f9f07836588098cf4b2d2bad85ffe189c8cff9cdc84af6584f30abadb9"},
	{shared, "bbc-text", true, 2095, "4890f512a5aadff708d23119d5473dc5e92dee4b9594a80eff02979f5a9bc923"},
	{shared, "bing-covid-news", true, 18163, "d589f7e1a76596e8d84c03460679155e448440ee2473c7db89cd86b7bd3fbb72"},
	{shared, "hugo-docs", true, 7377, "8005f440299c8ad8ba7827899c0cc1b93563f82b56836a3edcf7f8df915347db"},
	{shared, "insideout-ai-posts", true, 4453, "9f0d54d91fa44628193e254bd08508f3f14bda4a114fa2c41b09c627a9cfe915"},
	{inRepo, "testdata/hostile", true, 1180, "b95d76689ab0c50988cee4659775845730f356b9dfd71fa7969babeaf29a1f05"},
	{inRepo, "seeds", true, 6, "f60b57ca171063898d41f02b973fdecb608f5a542251d2ff05a97fe0652dc57e"},
	{inRepo, "testdata/validate/cases/amp-host-mismatch", true, 3, "5b57239000851da2f470df5aa402b012415a330c2648199c03731d583fa54add"},
	{inRepo, "testdata/validate/cases/broken-entity", true, 33, "9c334ec874990df916ec91229407f0e38d94b33aae7a1f7d050a7402ac5e5fac"},
	{inRepo, "testdata/validate/cases/date-format", true, 4, "67b393a4cf5f6a428468c6278c8a84009f2fa3321b14622cd79851cefa8b880e"},
	{inRepo, "testdata/validate/cases/date-invalid", true, 6, "60035334cbc4089097475d601fb0f6ff873facc2c6679e62ca717e159d7b3fd7"},
	{inRepo, "testdata/validate/cases/duplicate-id", true, 3, "92192f8549c6866b4576dd2ee561ece653955e7b0f5f77cee68822bb52cd27f7"},
	{inRepo, "testdata/validate/cases/duplicate-key", true, 5, "63d090ae311d0a4e0acdba8fc18b0b19cf23fbedc4313c724cad1662b903e6dd"},
	{inRepo, "testdata/validate/cases/duplicate-url", true, 4, "a90c0f9fd3725158154e74a84bc4ed20a421f033993ccddc31a044a237007722"},
	{inRepo, "testdata/validate/cases/empty-file", true, 4, "dee69ffec5b05ec46878018656724087baa3c0fd6b042ef39cbb075a33c0aad5"},
	{inRepo, "testdata/validate/cases/file-name", true, 2, "e4c91ce6989274973be0eb1595e56e8c702a0f7fd84af5cee01900c360446125"},
	{inRepo, "testdata/validate/cases/image-size", true, 4, "068b8d86a1629fc551b7234d2181bdf2aff2ba19aae8b6d1207cc888e1c12cc7"},
	{inRepo, "testdata/validate/cases/load-error", true, 2, "9083e212edf4023939e1778af9dd74dfdbfb3bb08d0931928c156da1555c1929"},
	{inRepo, "testdata/validate/cases/not-a-mapping", true, 4, "1f652ed83579acb59cfdce10429d58eb1be142169f394aacb416bdd658d3cd3c"},
	{inRepo, "testdata/validate/cases/number-type", true, 5, "676772290a701e1f39ccc223cab32834a08a013285933866476ae7e6979618ef"},
	{inRepo, "testdata/validate/cases/related-incomplete", true, 4, "3db7d65d68d2c1c38ce836c6aa52e83c044c121ac20ad5bcf2198459490ca006"},
	{inRepo, "testdata/validate/cases/required-field", true, 15, "f66b3344ad806ba6f60fc799fad24ec25bb31d949458f2c65e6ab051ca285eb5"},
	{inRepo, "testdata/validate/cases/self-link", true, 2, "a6ab4134758edd171244f3b978009fee02a739783979e6d80be18ef38ef8f2fa"},
	{inRepo, "testdata/validate/cases/text-binary", true, 2, "3ca5105cb3677bf8c347df1b30920481d4e002a898686e19159f988a634525a7"},
	{inRepo, "testdata/validate/cases/text-no-title", true, 2, "ef003fb34d699abbfebb326fd3fe5f9197e26b67d9b3ee847513a58eade77e29"},
	{inRepo, "testdata/validate/cases/text-utf8", true, 2, "ed9ff0ac7e26e31eee54f7fb42cf19dfa0477439dc0aa0e5d5117b63444a9195"},
	{inRepo, "testdata/validate/cases/topic-duplicate", true, 3, "2956a2256ac2bb9bc3a50bba108e69f0e0a550462d14e771a7b2a8aae5745588"},
	{inRepo, "testdata/validate/cases/topic-empty", true, 4, "b44d52ac3375d32bf3f506c510693e2f0ad964cf0477411a3af29c4051da6445"},
	{inRepo, "testdata/validate/cases/unknown-field", true, 3, "ca7be15e2d368b4e023cd297e21aed1119b5f196c8a6416e970b596692cd3bcc"},
	{inRepo, "testdata/validate/cases/unterminated-front-matter", true, 2, "ab7b20068eb21519f341ef969dfefc72e3684460227cd5618fe94d5cd9d723ca"},
	{inRepo, "testdata/validate/cases/url-absolute", true, 5, "bf75513028792ac0daab17d16dd9751a7ce9e0341966610b97300b068c3e2a35"},
	{inRepo, "testdata/validate/cases/url-variant-mixed", true, 2, "c7ec7906d6dbf6d7be38d448b96b2dd1a85c350cc3726cf185e39f2d1febbba2"},
	{inRepo, "testdata/validate/cases/valid", true, 2, "8f22ca5a395dbaf6196aa72c0ad169a16434dd0a5bdb77375ffcc1eca71d0c24"},
	{inRepo, "testdata/validate/cases/wrong-type", true, 11, "edae4e1bee80d1d16eb196a324cd1fc6213231ba3352de4e5fd35fa65455e5b6"},
	{inRepo, "testdata/validate/cases/yaml-syntax", true, 4, "3d3669c1b341b018b005038456ff2819e7f3739942f8e0efb86b50ec95b1b1ad"},
	{inRepo, "testdata/validate", true, 164, "192c0396b57050cdf8eebd84e9c985d43368ed9736f0fb3725b82230e9c57aea"},
}
