// StructGen sample: the Book filling in on a web page, streamed as typed patches (docs/web.md).
//
//   dotnet run --project samples/BookWeb                    offline: replays the recorded o4-mini session
//   OPENAI_API_KEY=… dotnet run --project samples/BookWeb   the same page against the real endpoint
//
// Then open the address it prints. Optional: OPENAI_BASE_URL (any OpenAI-compatible /v1 endpoint),
// OPENAI_MODEL (default o4-mini), --Offline=true (replay even with a key), --ReplayDelayMs=0 (replay
// pace; default 60 ms per recorded read), --urls http://127.0.0.1:5080 (where to listen).
using System;
using BookWeb;
using Microsoft.AspNetCore.Builder;

var app = BookWebApp.Create(args);
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"BookWeb ({(BookWebApp.IsLive(app) ? "live: OPENAI_API_KEY is set" : "offline: replaying the recorded cassette")}): open {string.Join(" or ", app.Urls)}"));
app.Run();
