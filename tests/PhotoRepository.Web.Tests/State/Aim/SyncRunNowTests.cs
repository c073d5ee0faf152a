using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State.Aim;

/// <summary>The app with a job client that records what is enqueued instead of running it.</summary>
public class RecordingJobsFactory : AppFactory
{
    public ConcurrentQueue<Job> Enqueued { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IBackgroundJobClient>(new RecordingClient(Enqueued)));
    }

    private sealed class RecordingClient(ConcurrentQueue<Job> enqueued) : IBackgroundJobClient
    {
        public string Create(Job job, IState state)
        {
            enqueued.Enqueue(job);
            return enqueued.Count.ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}

public class SyncRunNowTests(RecordingJobsFactory factory) : IClassFixture<RecordingJobsFactory>
{
    [Fact]
    public async Task Run_the_sync_now_enqueues_a_full_run_in_the_name_of_the_state_staff_member()
    {
        var client = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await client.GetPageAsync("/State/Aim/SyncRuns");
        var before = factory.Enqueued.Count;

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>());

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var job = Assert.Single(factory.Enqueued.Skip(before));
        Assert.Equal(typeof(SyncJobs), job.Type);
        Assert.Equal(nameof(SyncJobs.RunAsync), job.Method.Name);
        Assert.Equal(SyncTrigger.Manual, job.Args[0]);
        Assert.Equal(DemoData.StateStaff, job.Args[1]);
        var after = await client.GetPageAsync("/State/Aim/SyncRuns");
        Assert.Contains("The sync has started", after.Body!.TextContent);
    }

    [Theory]
    [InlineData(DemoData.HelenaClerk)]
    [InlineData(DemoData.DojStaff)]
    public async Task Clerks_and_DOJ_staff_cannot_start_a_run(string email)
    {
        var staff = await factory.SignedInClientAsync(DemoData.StateStaff);
        var form = await staff.GetPageAsync("/State/Aim/SyncRuns");
        var token = Browser.Token(form);
        var client = await factory.SignedInClientAsync(email);
        var before = factory.Enqueued.Count(j => j.Method.Name == nameof(SyncJobs.RunAsync));

        var response = await client.PostAsync("/State/Aim/SyncRuns?handler=RunNow", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Redirect);
        Assert.DoesNotContain("/State/Aim/SyncRuns", response.Headers.Location?.ToString() ?? "");
        Assert.Equal(before, factory.Enqueued.Count(j => j.Method.Name == nameof(SyncJobs.RunAsync)));
    }
}
