from claude_doctor.entrypoint import main

main()
