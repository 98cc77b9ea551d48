using System;
using System.Threading;
using System.Threading.Tasks;
using StructGen.Chat.Transport;
using Xunit;

namespace StructGen.Tests.Transport
{
    /// <summary>The scope's token fires for the caller and for the overall timeout, and says which one fired.</summary>
    public sealed class RequestScopeTests
    {
        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void The_token_can_fire_exactly_when_the_caller_or_an_overall_timeout_can(bool callerToken, bool overall)
        {
            using var caller = new CancellationTokenSource();
            using var scope = new RequestScope(callerToken ? caller.Token : default, overall ? TimeSpan.FromMinutes(1) : null, TimeSpan.FromSeconds(7));

            Assert.Equal(callerToken || overall, scope.Token.CanBeCanceled);
            Assert.Equal(TimeSpan.FromSeconds(7), scope.IdleTimeout);
            Assert.False(scope.CallerCancelled);
            Assert.False(scope.TimedOut);

            caller.Cancel();
            Assert.Equal(callerToken, scope.Token.IsCancellationRequested);
            Assert.Equal(callerToken, scope.CallerCancelled);
            Assert.False(scope.TimedOut);
            if (callerToken) Assert.Equal(caller.Token, scope.CallerCancellation(null).CancellationToken);
        }

        [Fact]
        public async Task The_overall_timeout_fires_the_token_and_is_not_the_callers()
        {
            using var caller = new CancellationTokenSource();
            using var scope = new RequestScope(caller.Token, TimeSpan.FromMilliseconds(50), idleTimeout: null);

            Assert.Null(scope.IdleTimeout);
            await Task.Delay(Timeout.Infinite, scope.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(scope.TimedOut);
            Assert.False(scope.CallerCancelled);
        }
    }
}
