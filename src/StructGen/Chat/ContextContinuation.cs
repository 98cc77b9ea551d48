using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace StructGen.Chat
{
    /// <summary>
    /// A hand-written <see cref="IValueTaskSource{TResult}"/>'s consumer continuation that must run in a captured
    /// execution context or on a captured scheduler (what <c>ManualResetValueTaskSourceCore</c> keeps in two fields).
    /// Made only when there is something to capture, so a source does not hold those fields while it waits.
    /// </summary>
    internal sealed class ContextContinuation
    {
        private static readonly Action<object?> RunCaptured = state => ((ContextContinuation)state!).Run();
        private static readonly SendOrPostCallback InvokeCaptured = state => ((ContextContinuation)state!).Invoke();
        private static readonly Action<object?> InvokeScheduled = state => ((ContextContinuation)state!).Invoke();
        private static readonly ContextCallback ContinueCaptured = state => ((ContextContinuation)state!).Continue();

        private readonly Action<object?> _continuation;
        private readonly object? _state;
        private readonly ExecutionContext? _context;

        // A SynchronizationContext or a TaskScheduler.
        private readonly object? _scheduler;

        private ContextContinuation(Action<object?> continuation, object? state, ExecutionContext? context, object? scheduler)
        {
            _continuation = continuation;
            _state = state;
            _context = context;
            _scheduler = scheduler;
        }

        /// <summary>Replaces the continuation by one that runs it where <paramref name="flags"/> ask, if anywhere special.</summary>
        public static void Wrap(ref Action<object?> continuation, ref object? state, ValueTaskSourceOnCompletedFlags flags)
        {
            var context = (flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0 ? ExecutionContext.Capture() : null;
            object? scheduler = null;
            if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
            {
                var sync = SynchronizationContext.Current;
                if (sync is not null && sync.GetType() != typeof(SynchronizationContext)) scheduler = sync;
                else if (TaskScheduler.Current != TaskScheduler.Default) scheduler = TaskScheduler.Current;
            }

            if (context is null && scheduler is null) return;
            state = new ContextContinuation(continuation, state, context, scheduler);
            continuation = RunCaptured;
        }

        /// <summary>Runs a continuation on the thread pool (a source completed before its consumer registered: no stack dive).</summary>
        public static void Queue(Action<object?> continuation, object? state) =>
            Task.Factory.StartNew(continuation, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

        // On the captured scheduler if any, then in the captured execution context if any.
        private void Run()
        {
            switch (_scheduler)
            {
                case SynchronizationContext sync:
                    sync.Post(InvokeCaptured, this);
                    break;
                case TaskScheduler scheduler:
                    Task.Factory.StartNew(InvokeScheduled, this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
                    break;
                default:
                    Invoke();
                    break;
            }
        }

        private void Invoke()
        {
            if (_context is null) Continue();
            else ExecutionContext.Run(_context, ContinueCaptured, this);
        }

        private void Continue() => _continuation(_state);
    }
}
