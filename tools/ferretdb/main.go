// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol over SQLite)
// for local development and tests. Production uses a real MongoDB instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Garbage collection of this process, unless GOGC or GOMEMLIMIT say otherwise. FerretDB
// allocates heavily for every document it reads (decoding the stored JSON, building the
// reply); with Go's default (GOGC=100) collecting took 17-22 % of its CPU during an
// overview build. A larger GOGC collects less often for a larger heap; the soft memory
// limit makes the collector work harder before the heap grows past it, whatever GOGC
// says. Measured in docs/performance.md ("Embedded database tuning").
const (
	gcPercent   = 400
	memoryLimit = 512 << 20 // bytes
)

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}

	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", ".data/ferretdb", "directory for the SQLite files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("bad -data: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("cannot create %s: %v", dir, err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  "sqlite",
		// BEGIN IMMEDIATE: a writer waits for the lock (busy_timeout) instead of failing
		// with SQLITE_BUSY when it would upgrade a read transaction under load.
		// synchronous(normal) in WAL mode: no fsync per commit; a power cut may lose the
		// last commits, acceptable for this development database (docs/adr/0003-database.md).
		SQLiteURL: "file:" + dir + "/?_txlock=immediate&_pragma=synchronous(normal)",
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		// MongoDBURI blocks until the listener is up, so this line tells callers we are ready.
		fmt.Println("ready", f.MongoDBURI())
	}()

	if err := f.Run(ctx); err != nil {
		fail("FerretDB stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
