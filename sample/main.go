// A word counter, to try ghost text on Go.
package main

import (
	"fmt"
	"sort"
	"strings"
)

// countWords returns how often each lower-cased word occurs in text.
func countWords(text string) map[string]int {
	// TODO: split on whitespace, lower-case, count
	
}

func main() {
	counts := countWords("the quick brown fox jumps over the lazy dog the end")
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Strings(words)
	for _, w := range words {
		fmt.Println(w, counts[w])
	}
	_ = strings.ToLower
}
