using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Web.Areas.Admin.Pages;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public record Account(string Id, string? Email, string DisplayName, string? Role, string? District, bool TwoFactor, DateTimeOffset? LockedUntil);

    public List<Account> Accounts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Accounts = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId into urs
            from ur in urs.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            orderby u.Email
            select new Account(u.Id, u.Email, u.DisplayName, r.Name, u.District!.Name, u.TwoFactorEnabled, u.LockoutEnd)).ToListAsync();
    }
}
