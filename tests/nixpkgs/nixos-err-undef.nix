# NixOS configuration defining an option that does not exist
{ ... }: { services.nonexistentThing.enable = true; fileSystems."/".device = "/dev/sda1"; boot.loader.grub.enable = false; system.stateVersion = "24.11"; }
