package simd_test

import (
	"fmt"
	"log"

	"example.com/starter/clib/simd"
)

func ExampleIndexAny() {
	i, err := simd.IndexAny([]byte("key=value; next"), []byte(";="))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(i)
	// Output: 3
}

// IndexAllAny appends to dst, so a caller can reuse one slice across
// calls.
func ExampleIndexAllAny() {
	var dst []int
	dst, err := simd.IndexAllAny([]byte("a,b;c,d"), []byte(",;"), dst[:0])
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dst)
	// Output: [1 3 5]
}

func ExampleCompare() {
	equal, firstDiff := simd.Compare([]byte("starter"), []byte("startup"))
	fmt.Println(equal, firstDiff)
	// Output: false 5
}

func ExampleCountByte() {
	n, err := simd.CountByte([]byte("one\ntwo\nthree\n"), '\n')
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 3
}
