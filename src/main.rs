//! The `parley` command line: `demo`, `serve`, `user create`, `schema`, `backup`, `restore`,
//! `reindex`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow_free::Fail;
use clap::{Parser, Subcommand};
use parley::App;
use parley::clock::{SharedClock, SystemClock};
use parley::config::Config;

/// mimalloc instead of glibc's malloc: under webhook load glibc's malloc and free took ~13 % of
/// the server's CPU (perf), and its per-thread arenas keep freed memory resident.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "parley",
    version,
    about = "Self-hosted CRM with WhatsApp Business messaging"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the product on embedded defaults with the Cloud API simulator and seed data.
    Demo(DemoArgs),
    /// Run the server.
    Serve {
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the GraphQL SDL.
    Schema,
    /// Write a backup (a consistent snapshot; works while the server runs).
    Backup {
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into an empty data dir (or replace its data with --force).
    Restore {
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        file: PathBuf,
    },
    /// Rebuild the search index from the store (the server must be stopped).
    Reindex {
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct DemoArgs {
    #[arg(long, default_value = "./parley-demo")]
    data: PathBuf,
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    #[arg(long)]
    admin_password: Option<String>,
    #[arg(long)]
    sandbox_app_secret: Option<String>,
    #[arg(long)]
    sandbox_token: Option<String>,
    #[arg(long, default_value = "127.0.0.1:8090")]
    sandbox_listen: SocketAddr,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user (prompts for the password when --password is absent).
    Create {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: bool,
        #[arg(long)]
        password: Option<String>,
    },
}

/// Errors at the edge are one line of text.
mod anyhow_free {
    pub struct Fail(pub String);
    impl<E: std::fmt::Display> From<E> for Fail {
        fn from(e: E) -> Self {
            Fail(e.to_string())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("parley: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(run(cli.command));
    // Work still on the runtime's blocking pool (an index pass, a password hash) is derived or
    // repeated on the next start: don't wait for it.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg)) => {
            eprintln!("parley: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PARLEY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn clock() -> SharedClock {
    Arc::new(SystemClock)
}

async fn run(cmd: Command) -> Result<(), Fail> {
    match cmd {
        Command::Schema => {
            println!("{}", parley::graphql::sdl());
            Ok(())
        }
        Command::Backup { config, data, out } => {
            let mut cfg = Config::load(config.as_deref())?;
            if let Some(d) = data {
                cfg.data_dir = d;
            }
            backup(&cfg, &out)
        }
        Command::Restore {
            config,
            data,
            force,
            file,
        } => {
            let mut cfg = Config::load(config.as_deref())?;
            if let Some(d) = data {
                cfg.data_dir = d;
            }
            let m = parley::backup::restore(&file, &cfg.data_dir, force)?;
            let app = App::open(cfg, clock()).await?;
            let seq = app.search.rebuild()?;
            app.shutdown(std::time::Duration::from_secs(1)).await;
            println!(
                "restored the backup of {} ({} messages, {} records, {} blobs); search index rebuilt up to change {seq}",
                m.created_at,
                m.tables.get("messages").copied().unwrap_or(0),
                m.tables.get("records").copied().unwrap_or(0),
                m.blobs
            );
            Ok(())
        }
        Command::Reindex { config, data } => {
            let mut cfg = Config::load(config.as_deref())?;
            if let Some(d) = data {
                cfg.data_dir = d;
            }
            let app = App::open(cfg, clock()).await?;
            let started = std::time::Instant::now();
            let seq = app.search.rebuild()?;
            println!(
                "rebuilt the search index: {} documents up to change {seq} in {:.1} s",
                app.search.num_docs(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Serve {
            config,
            data,
            listen,
        } => {
            let mut cfg = Config::load(config.as_deref())?;
            if let Some(d) = data {
                cfg.data_dir = d;
            }
            if let Some(l) = listen {
                cfg.listen = l;
            }
            let app = App::open(cfg, clock()).await?;
            app.start_workers();
            serve(app).await
        }
        Command::Demo(a) => {
            let mut cfg = Config::load(None)?;
            cfg.payment_gateway
                .get_or_insert_with(|| "simulated".into());
            cfg.data_dir = a.data;
            cfg.listen = a.listen;
            // The demo's clock can travel forward (advanceClock); `serve` keeps the wall clock.
            // Outgoing webhooks may go to a receiver on this machine, for trying them out.
            cfg.webhook_allow_loopback = true;
            let app = App::open(cfg, parley::clock::OffsetClock::new(0)).await?;
            let opts = parley::demo::Options {
                admin_password: a.admin_password,
                sandbox_app_secret: a.sandbox_app_secret,
                sandbox_token: a.sandbox_token,
                sandbox_listen: a.sandbox_listen,
            };
            let listener = parley::web::bind(app.config.listen).await?;
            let url = format!("http://{}", listener.local_addr()?);
            let info = parley::demo::prepare(&app, opts, &url).await?;
            app.start_workers();
            println!("Parley demo is running.");
            println!("  App:        {url}");
            println!("  Admin:      {}", info.admin_email);
            match &info.admin_password {
                Some(pw) => println!("  Password:   {pw}"),
                None => println!("  Password:   (unchanged; pass --admin-password to set one)"),
            }
            for line in &info.extra {
                println!("  {line}");
            }
            serve_on(app, listener).await
        }
        Command::User {
            command:
                UserCommand::Create {
                    data,
                    email,
                    name,
                    admin,
                    password,
                },
        } => {
            let mut cfg = Config::load(None)?;
            if let Some(d) = data {
                cfg.data_dir = d;
            }
            let password = match password {
                Some(p) => p,
                None => rpassword::prompt_password("Password: ")?,
            };
            let app = App::open(cfg, clock()).await?;
            let user = app
                .auth
                .create_user(parley::auth::NewUser {
                    email,
                    name,
                    password,
                    is_admin: admin,
                    ..Default::default()
                })
                .await?;
            println!(
                "created user {} ({})",
                user.email,
                if user.is_admin {
                    "administrator"
                } else {
                    "standard"
                }
            );
            Ok(())
        }
    }
}

/// A backup of the data dir: through the running server's control socket when one holds the
/// store, else from the store opened here.
fn backup(cfg: &Config, out: &std::path::Path) -> Result<(), Fail> {
    let dir = &cfg.data_dir;
    if !dir.join("parley.redb").exists() {
        return Err(Fail(format!("no Parley data in {}", dir.display())));
    }
    let bus = parley::events::Bus::default();
    match parley::store::Store::open(dir, bus, parley::metrics::Metrics::new()) {
        Ok(store) => {
            let now = parley::clock::Clock::now(&SystemClock);
            let m = parley::backup::backup_to_file(&store, dir, now, out)?;
            println!(
                "backup written to {} ({} messages, {} blobs, up to change {})",
                out.display(),
                m.tables.get("messages").copied().unwrap_or(0),
                m.blobs,
                m.last_seq
            );
            Ok(())
        }
        Err(parley::store::OpenError::InUse(_)) => {
            #[cfg(unix)]
            {
                parley::backup::fetch_from_server(dir, out)?;
                let m = parley::backup::verify(out)?;
                println!(
                    "backup written to {} by the running server ({} messages, {} blobs, up to change {})",
                    out.display(),
                    m.tables.get("messages").copied().unwrap_or(0),
                    m.blobs,
                    m.last_seq
                );
                Ok(())
            }
            #[cfg(not(unix))]
            Err(Fail(
                "a server holds the data dir; stop it to back up".into(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn serve(app: Arc<App>) -> Result<(), Fail> {
    let listener = parley::web::bind(app.config.listen).await?;
    tracing::info!(addr = %listener.local_addr()?, "Parley listening");
    serve_on(app, listener).await
}

async fn serve_on(app: Arc<App>, listener: tokio::net::TcpListener) -> Result<(), Fail> {
    // In-flight requests finish first (a webhook is answered only once durable), then the
    // workers stop and the store settles.
    parley::web::serve(app.clone(), listener, shutdown_signal()).await?;
    app.shutdown(std::time::Duration::from_secs(5)).await;
    if let Some(sandbox) = app.sandbox.get() {
        // Closes the simulator's state file cleanly (demo only).
        sandbox.shutdown().await;
    }
    tracing::info!("stopped cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
