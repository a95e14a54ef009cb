# bash completion for odaat. Installed by `meson install`; the command list is checked
# against `odaat --help` and the man page by tests/cli/test_docs.sh.

_odaat()
{
    local cur prev words cword
    _init_completion || return

    local commands="init status days checkin checkins meeting step journal tracker relapse
        milestones stats contact ladder settings export import passwd recover backup demo keys help"
    local globals="--data-dir --passphrase-fd --today --help --version"

    case $prev in
        --data-dir | -d)
            _filedir -d
            return
            ;;
        --today | --date | --clean-date | --from | --to | --restart | --passphrase-fd)
            return
            ;;
        --preset)
            COMPREPLY=($(compgen -W "ca aa na smart none" -- "$cur"))
            return
            ;;
        --program)
            COMPREPLY=($(compgen -W "ca aa na smart other" -- "$cur"))
            return
            ;;
        --date-is)
            COMPREPLY=($(compgen -W "first-clean-day last-use-day" -- "$cur"))
            return
            ;;
        --kdf)
            COMPREPLY=($(compgen -W "interactive moderate sensitive" -- "$cur"))
            return
            ;;
        --format)
            COMPREPLY=($(compgen -W "in-person online phone json csv md" -- "$cur"))
            return
            ;;
        --role)
            COMPREPLY=($(compgen -W "attended shared chaired service sponsor friend helpline other" -- "$cur"))
            return
            ;;
        --status)
            COMPREPLY=($(compgen -W "not-started working done" -- "$cur"))
            return
            ;;
    esac

    # The command is the first word that is not an option (or an option's value).
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --data-dir | -d | --passphrase-fd | --today) ((i++)) ;;
            -*) ;;
            *)
                command=${words[i]}
                break
                ;;
        esac
    done

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
        return
    fi

    local options=""
    case $command in
        init) options="--clean-date --tracker --program --date-is --kdf" ;;
        status | stats | checkins) options="--json --from --to" ;;
        checkin) options="--date --mood --craving --trigger --note-stdin" ;;
        meeting) options="add list rm --date --time --fellowship --name --format --location --role --note-stdin --from --to --json" ;;
        step) options="show set --status --date --note-stdin --json" ;;
        journal) options="add list show edit rm search --title --step --json" ;;
        tracker) options="add list rename archive date-is first-clean-day last-use-day --clean-date --preset --date-is --json" ;;
        relapse) options="--date --restart --note-stdin" ;;
        milestones) options="--clean-date --preset --extras --date-is --json" ;;
        contact) options="add list rm --role --phone --note-stdin --json" ;;
        backup) options="list restore --json" ;;
        ladder) options="show add rm reset --tracker --label --json hours days months years" ;;
        settings) options="program day_boundary_hour idle_lock_minutes --json" ;;
        export) options="--format" ;;
        import)
            _filedir json
            return
            ;;
        help) options="$commands" ;;
    esac
    COMPREPLY=($(compgen -W "$options $globals" -- "$cur"))
}
complete -F _odaat odaat
